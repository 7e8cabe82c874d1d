"""Signing up, in and out in the storefront; the tokens live in Secure, HttpOnly cookies.

After a sign-up the shopper is sent to the sign-in page, whether the address was new or not,
so the page never tells which (the accounts service answers both the same way).
"""
from __future__ import annotations

from flask import current_app, flash, make_response, redirect, request, session, url_for

from shop.common.api import ApiBlueprint
from shop.common.app import client
from shop.common.client import UpstreamError
from shop.common.errors import DependencyError
from shop.contracts import accounts
from shop.frontend import routes, shopper, tokens
from shop.frontend.account_forms import AccountForm, SignInForm, SignUpForm
from shop.frontend.render import page

bp = ApiBlueprint("signin", __name__)
HOME = "/account"


def next_page(target: str | None) -> str:
    """Where to go after signing in: a same-site path, else the account page."""
    return target if target and shopper.same_site(target) else HOME


def refused(template: str, form: AccountForm, exc: UpstreamError):
    """The form again, with the service's reasons by their fields and its status."""
    problems = [exc.body.get("detail", "Not accepted."), *form.attach(exc.errors)]
    return page(template, exc.status, form=form, problems=problems)


@bp.serve(routes.SIGN_UP_PAGE)
def sign_up_form():
    """The sign-up form (a signed-in shopper goes to their account)."""
    if tokens.signed_in():
        return redirect(HOME, 303)
    return page("signup.html", form=SignUpForm())


@bp.serve(routes.SIGN_UP)
def sign_up():
    """Create the account, then ask the shopper to sign in."""
    form = SignUpForm()
    if not form.validate():
        return page("signup.html", 422, form=form, problems=[])
    email = (form.email.data or "").strip()
    try:
        client().call(accounts.SIGN_UP, {"email": email, "password": form.password.data})
    except UpstreamError as exc:
        return refused("signup.html", form, exc)
    session["email_hint"] = email
    flash("Welcome aboard: sign in with the password you chose. (If the address already had "
          "an account, its password is unchanged.)", "info")
    return redirect(url_for("signin.sign_in_form"), 303)


def refreshed(token: str | None) -> dict | None:
    """A new token pair for a refresh cookie; None without one or when it is spent or revoked
    (the form is shown then, and the stale cookies go)."""
    if token is None:
        return None
    try:
        return client().call(accounts.REFRESH, {"refresh_token": token})
    except UpstreamError:
        return None


@bp.serve(routes.SIGN_IN_PAGE)
def sign_in_form():
    """The sign-in form; a shopper whose refresh cookie still holds is signed in again."""
    target = next_page(request.args.get("next"))
    if tokens.signed_in():
        return redirect(target, 303)
    pair = refreshed(tokens.refresh_token())
    if pair is not None:
        return tokens.keep(redirect(target, 303), pair)
    form = SignInForm(email=session.pop("email_hint", None), next=target)
    return tokens.forget(make_response(page("signin.html", form=form, problems=[])))


@bp.serve(routes.SIGN_IN)
def sign_in():
    """Check the address and password with accounts; the cookies, then the page asked for."""
    form = SignInForm()
    if not form.validate():
        return page("signin.html", 422, form=form, problems=[])
    body = {"email": (form.email.data or "").strip(), "password": form.password.data}
    try:
        pair = client().call(accounts.SIGN_IN, body)
    except UpstreamError as exc:
        return refused("signin.html", form, exc)
    return tokens.keep(redirect(next_page(form.next.data), 303), pair)


@bp.serve(routes.SIGN_OUT)
def sign_out():
    """Revoke the account's refresh tokens (when signed in) and drop the cookies."""
    if tokens.signed_in():
        try:
            client().call(accounts.SIGN_OUT, headers=tokens.as_account())
        except DependencyError as exc:
            current_app.logger.warning("sign-out not recorded", extra={"fields": {
                "error": exc.detail}})
    flash("You are signed out.", "info")
    return tokens.forget(redirect("/", 303))
