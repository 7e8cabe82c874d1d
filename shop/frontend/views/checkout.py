"""Checkout: the order form (idempotent on a key made per render) and the confirmation page."""
from __future__ import annotations

import re

from flask import abort, current_app, redirect, url_for

from shop.common.api import ApiBlueprint
from shop.common.app import client
from shop.common.business import FUNNEL
from shop.common.client import UpstreamError
from shop.common.logs import event
from shop.contracts.checkout import PLACE_ORDER
from shop.contracts.fields import ORDER_ID
from shop.contracts.headers import IDEMPOTENCY_HEADER
from shop.frontend import gather, routes, shopper, tokens
from shop.frontend.forms import CheckoutForm
from shop.frontend.prices import currency_table
from shop.frontend.render import page
from shop.frontend.views.account import account_email

bp = ApiBlueprint("checkout", __name__)
bp.before_request(shopper.ensure_cart)


def checkout_page(form: CheckoutForm, status: int = 200, problems: list[str] | None = None):
    """The form with a fresh idempotency key, field errors next to their fields."""
    return page("checkout.html", status, form=form.fresh(), problems=problems or [])


@bp.serve(routes.CHECKOUT)
def checkout_form():
    """An empty form, prefilled with the address used last and a signed-in shopper's email."""
    known = shopper.address()
    form = CheckoutForm(data=known[0] if not known[1] else None)
    form.email.data = form.email.data or account_email()
    return checkout_page(form)


@bp.serve(routes.SUBMIT_ORDER)
def place_order():
    """Place the order once per form render (linked to the shopper's account when signed in);
    a refusal re-renders the form with the reason."""
    form = CheckoutForm()
    if not form.validate():
        return checkout_page(form, 422, ["Please correct the fields marked below."])
    shopper.remember_address(form.address())
    currency = shopper.currency(currency_table())
    try:
        order = client().call(PLACE_ORDER, form.order_request(shopper.cart_id(), currency),
                              headers={IDEMPOTENCY_HEADER: form.idempotency_key.data,
                                       **tokens.as_account()})
    except UpstreamError as exc:
        problems = [exc.body.get("detail", "Your order was not accepted."),
                    *form.attach(exc.errors)]
        return checkout_page(form, 422, problems)
    FUNNEL.labels(step="checkout").inc()
    event(current_app, "order placed", order_id=order["order_id"], currency=currency)
    return redirect(url_for("checkout.order_confirmation", order_id=order["order_id"]), 303)


@bp.serve(routes.ORDER)
def order_confirmation(order_id: str):
    """The placed order: its id, tracking id, items, shipping and total."""
    if not re.fullmatch(ORDER_ID, order_id):
        abort(404)
    return page("order.html", order=gather.order(order_id))
