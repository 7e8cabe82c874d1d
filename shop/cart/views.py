"""Cart endpoints: read a cart, add, set and remove lines, empty it."""
from __future__ import annotations

from flask import current_app

from shop.cart import domain
from shop.cart.store import CartStore
from shop.common.api import ApiBlueprint, parse_body, respond
from shop.common.business import CART_ITEMS_ADDED
from shop.common.errors import DependencyError
from shop.common.flags import InjectedFault, flags
from shop.common.logs import event
from shop.contracts import cart as contract

bp = ApiBlueprint("cart", __name__)


def store() -> CartStore:
    """This app's cart store; unreachable while the cartStoreDown flag is on."""
    if flags().enabled("cartStoreDown"):
        raise DependencyError("cart store", "no answer (fault injected by flag cartStoreDown)")
    return current_app.extensions["cart_store"]


@bp.before_request
def injected_failure() -> None:
    """Fail the share of cart operations the cartFailure flag names."""
    if flags().chance("cartFailure"):
        raise InjectedFault("cartFailure", "the cart operation failed")


def cart_of(cart_id: str, status: int = 200):
    """The cart as a JSON response."""
    items = [contract.LineItem(product_id=p, quantity=q)
             for p, q in store().lines(cart_id).items()]
    return respond(contract.Cart(cart_id=cart_id, items=items), status)


@bp.serve(contract.GET_CART)
def get_cart(cart_id: str):
    """The cart's lines."""
    return cart_of(domain.check_cart_id(cart_id))


@bp.serve(contract.ADD_ITEM)
def add_item(cart_id: str):
    """Add to a line: the product must exist and the line stay within 1..99."""
    domain.check_cart_id(cart_id)
    body = parse_body(contract.AddItem)
    total = domain.quantity_after_add(store().lines(cart_id), body.product_id, body.quantity)
    domain.ensure_product(body.product_id)
    store().put_line(cart_id, body.product_id, total)
    CART_ITEMS_ADDED.inc(body.quantity)
    event(current_app, "cart item added", cart_id=cart_id, product_id=body.product_id,
          quantity=body.quantity)
    return cart_of(cart_id, 201)


@bp.serve(contract.SET_ITEM)
def set_item(cart_id: str, product_id: str):
    """Set a line's quantity (1..99), creating the line for a real product."""
    domain.check_cart_id(cart_id)
    domain.check_product_id(product_id)
    body = parse_body(contract.SetQuantity)
    lines = store().lines(cart_id)
    quantity = domain.quantity_to_set(lines, product_id, body.quantity)
    if product_id not in lines:
        domain.ensure_product(product_id)
    store().put_line(cart_id, product_id, quantity)
    return cart_of(cart_id)


@bp.serve(contract.REMOVE_ITEM)
def remove_item(cart_id: str, product_id: str):
    """Remove a line; removing a line that is not there changes nothing."""
    domain.check_cart_id(cart_id)
    store().remove_line(cart_id, domain.check_product_id(product_id))
    return cart_of(cart_id)


@bp.serve(contract.CLEAR_CART)
def clear_cart(cart_id: str):
    """Remove every line."""
    store().clear(domain.check_cart_id(cart_id))
    return cart_of(cart_id)
