"""The signed-in shopper's pages: the account (profile, a new password) and My orders.

Envoy lets these pages through only with a valid access cookie; reached any other way (the
mesh) without the verified account, they answer 401 like the edge does.
"""
from __future__ import annotations

from flask import flash, redirect, request, url_for

from shop.common.api import ApiBlueprint
from shop.common.app import client
from shop.common.client import UpstreamError
from shop.common.errors import DependencyError
from shop.contracts import accounts
from shop.contracts.checkout import MAX_PAGE
from shop.frontend import routes, tokens
from shop.frontend.account_forms import PasswordForm
from shop.frontend.render import page
from shop.frontend.site import error_page

bp = ApiBlueprint("account", __name__)


def please_sign_in():
    """The page for a shopper without a verified account."""
    return error_page(401, "Please sign in", "This page is for signed-in shoppers: sign in "
                      "first, then come back.")


def profile() -> dict:
    """The signed-in account's profile, from accounts."""
    return client().call(accounts.PROFILE, headers=tokens.as_account())


def account_email() -> str | None:
    """The signed-in shopper's address, to fill in forms; None when signed out or unknown."""
    if not tokens.signed_in():
        return None
    try:
        return profile()["email"]
    except DependencyError:  # an unknown account or a resting accounts service: no prefill
        return None


def account_page(form: PasswordForm, status: int = 200, problems: list[str] | None = None):
    """The account page: who is signed in, and the new-password form."""
    if tokens.signed_in() is None:
        return please_sign_in()
    try:
        found = profile()
    except UpstreamError as exc:
        if exc.status == 404:  # a valid token of an account that is gone
            return please_sign_in()
        raise
    return page("account.html", status, profile=found, form=form, problems=problems or [])


@bp.serve(routes.ACCOUNT)
def view_account():
    """The signed-in shopper's account."""
    return account_page(PasswordForm())


@bp.serve(routes.MY_ORDERS)
def my_orders():
    """The shopper's orders, newest first, a page at a time."""
    if tokens.signed_in() is None:
        return please_sign_in()
    number = request.args.get("page", "1")
    number = int(number) if number.isdigit() and 1 <= int(number) <= MAX_PAGE else 1
    try:
        found = client().call(accounts.ORDERS, query={"page": str(number)},
                              headers=tokens.as_account())
    except UpstreamError as exc:
        if exc.status == 404:
            return please_sign_in()
        raise
    return page("orders.html", orders=found["orders"], next_page=found.get("next_page"),
                page_number=number)


@bp.serve(routes.CHANGE_PASSWORD)
def change_password():
    """Set a new password; every session ends, this one too: sign in again with it."""
    form = PasswordForm()
    if tokens.signed_in() is None:
        return please_sign_in()
    if not form.validate():
        return account_page(form, 422)
    body = {"current_password": form.current_password.data,
            "new_password": form.new_password.data}
    try:
        client().call(accounts.CHANGE_PASSWORD, body, headers=tokens.as_account())
    except UpstreamError as exc:
        problems = [exc.body.get("detail", "Not accepted."), *form.attach(exc.errors)]
        return account_page(form, exc.status, problems)
    flash("Your password is changed and every session has ended: sign in with the new one.",
          "info")
    return tokens.forget(redirect(url_for("signin.sign_in_form"), 303))
