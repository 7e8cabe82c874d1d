"""Cart endpoints: read a cart, add, set and remove lines, empty it."""
from __future__ import annotations

from flask import Blueprint, current_app
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from shop.cart import domain
from shop.cart.store import CartStore
from shop.catalog.models import SLUG
from shop.common.api import OpenApi, parse_body, respond
from shop.common.business import CART_ITEMS_ADDED
from shop.common.errors import DependencyError
from shop.common.flags import InjectedFault, flags
from shop.common.logs import event

bp = Blueprint("cart", __name__)
api = OpenApi("AstroShop cart", "A shopper's cart: product ids and whole quantities.")

CART = "/api/carts/<cart_id>"
LINE = "/api/carts/<cart_id>/items/<product_id>"


class CartLine(BaseModel):
    product_id: str
    quantity: int


class Cart(BaseModel):
    cart_id: str
    items: list[CartLine]


class AddItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product_id: str = Field(pattern=SLUG, examples=["apo-refractor-80"])
    quantity: StrictInt = Field(ge=1, le=domain.MAX_QUANTITY, examples=[1])


class SetQuantity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quantity: StrictInt = Field(ge=1, le=domain.MAX_QUANTITY, examples=[2])


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


def cart_of(cart_id: str):
    """The cart as a JSON response."""
    items = [CartLine(product_id=p, quantity=q) for p, q in store().lines(cart_id).items()]
    return respond(Cart(cart_id=cart_id, items=items))


@bp.get(CART)
@api.operation(CART, "get", "Read a cart (an unknown cart is empty)", response_model=Cart)
def get_cart(cart_id: str):
    """The cart's lines."""
    return cart_of(domain.check_cart_id(cart_id))


@bp.post(CART + "/items")
@api.operation(CART + "/items", "post", "Add units of a product to a cart",
               request_model=AddItem, response_model=Cart, status=201)
def add_item(cart_id: str):
    """Add to a line: the product must exist and the line stay within 1..99."""
    domain.check_cart_id(cart_id)
    body = parse_body(AddItem)
    total = domain.quantity_after_add(store().lines(cart_id), body.product_id, body.quantity)
    domain.ensure_product(body.product_id)
    store().put_line(cart_id, body.product_id, total)
    CART_ITEMS_ADDED.inc(body.quantity)
    event(current_app, "cart item added", cart_id=cart_id, product_id=body.product_id,
          quantity=body.quantity)
    response = cart_of(cart_id)
    response.status_code = 201
    return response


@bp.put(LINE)
@api.operation(LINE, "put", "Set the quantity of a cart line", request_model=SetQuantity,
               response_model=Cart)
def set_item(cart_id: str, product_id: str):
    """Set a line's quantity (1..99), creating the line for a real product."""
    domain.check_cart_id(cart_id)
    domain.check_product_id(product_id)
    body = parse_body(SetQuantity)
    lines = store().lines(cart_id)
    quantity = domain.quantity_to_set(lines, product_id, body.quantity)
    if product_id not in lines:
        domain.ensure_product(product_id)
    store().put_line(cart_id, product_id, quantity)
    return cart_of(cart_id)


@bp.delete(LINE)
@api.operation(LINE, "delete", "Remove a line from a cart", response_model=Cart)
def remove_item(cart_id: str, product_id: str):
    """Remove a line; removing a line that is not there changes nothing."""
    domain.check_cart_id(cart_id)
    store().remove_line(cart_id, domain.check_product_id(product_id))
    return cart_of(cart_id)


@bp.delete(CART)
@api.operation(CART, "delete", "Empty a cart", response_model=Cart)
def clear_cart(cart_id: str):
    """Remove every line."""
    store().clear(domain.check_cart_id(cart_id))
    return cart_of(cart_id)
