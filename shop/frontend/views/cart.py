"""The cart page and its forms: add, change quantity, remove, empty; each redirects with 303."""
from __future__ import annotations

from flask import current_app, flash, redirect, url_for

from shop.common.api import ApiBlueprint
from shop.common.app import client
from shop.common.business import FUNNEL
from shop.common.client import UpstreamError
from shop.common.fanout import together
from shop.common.logs import event
from shop.contracts import cart as contract
from shop.frontend import gather, routes, shopper
from shop.frontend.forms import LineForm, RemoveForm
from shop.frontend.prices import currency_table
from shop.frontend.render import page
from shop.frontend.views.browse import product_page, refusal

bp = ApiBlueprint("cart", __name__)
bp.before_request(shopper.ensure_cart)


def cart_page(status: int = 200):
    """The cart: lines, a change-quantity form each, shipping (estimated until known), totals."""
    currency = shopper.currency(currency_table())
    items = gather.cart_items(shopper.cart_id())
    shipping, address = None, None
    estimated = True
    if items:
        address, estimated = shopper.address()
        cart, shipping = together(lambda: gather.cart_lines(items, currency),
                                  lambda: gather.shipping_quote(items, address, currency))
    else:
        cart = gather.cart_lines(items, currency)
    total = cart["subtotal"] + shipping if shipping is not None else cart["subtotal"]
    return page("cart.html", status, lines=cart["lines"], subtotal=cart["subtotal"],
                shipping=shipping, address=address, estimated=estimated, total=total)


def to_cart():
    """See the cart (303 so a reload never posts again)."""
    return redirect(url_for("cart.view_cart"), 303)


@bp.serve(routes.CART)
def view_cart():
    """Show the cart."""
    return cart_page()


@bp.serve(routes.CART_ADD)
def add():
    """Add units of a product; a bad quantity re-renders the product page with the reason."""
    form = LineForm()
    if not form.validate():
        flash(form.problem(), "error")
        return product_page(form.product_id.data or "", 422, form)
    body = {"product_id": form.product_id.data, "quantity": form.quantity.data}
    try:
        client().call(contract.ADD_ITEM, body, cart_id=shopper.cart_id())
    except UpstreamError as exc:
        flash(refusal(exc), "error")
        return product_page(form.product_id.data, 422, form)
    FUNNEL.labels(step="add_to_cart").inc()
    event(current_app, "added to cart", product_id=body["product_id"], quantity=body["quantity"])
    flash("Added to your cart.", "info")
    return to_cart()


@bp.serve(routes.CART_UPDATE)
def update():
    """Set a line's quantity; a bad quantity re-renders the cart with the reason."""
    form = LineForm()
    if not form.validate():
        flash(form.problem(), "error")
        return cart_page(422)
    try:
        client().call(contract.SET_ITEM, {"quantity": form.quantity.data},
                      cart_id=shopper.cart_id(), product_id=form.product_id.data)
    except UpstreamError as exc:
        flash(refusal(exc), "error")
        return cart_page(422)
    return to_cart()


@bp.serve(routes.CART_REMOVE)
def remove():
    """Remove one line."""
    form = RemoveForm()
    if not form.validate():
        flash("That product is not in your cart.", "error")
        return cart_page(422)
    client().call(contract.REMOVE_ITEM, cart_id=shopper.cart_id(),
                  product_id=form.product_id.data)
    return to_cart()


@bp.serve(routes.CART_EMPTY)
def empty():
    """Remove every line."""
    client().call(contract.CLEAR_CART, cart_id=shopper.cart_id())
    flash("Your cart is empty.", "info")
    return to_cart()
