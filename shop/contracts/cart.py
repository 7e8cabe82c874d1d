"""The cart's routes and models: a cart is lines of a product id and a whole quantity."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from shop.contracts.fields import SLUG
from shop.contracts.route import Route

MAX_QUANTITY = 99
MAX_LINES = 50


class LineItem(BaseModel):
    """One product and how many of it (a cart line, an order line, a parcel's content)."""

    model_config = ConfigDict(extra="forbid")
    product_id: str = Field(pattern=SLUG, examples=["apo-refractor-80"])
    quantity: StrictInt = Field(ge=1, le=MAX_QUANTITY, examples=[1])


class Cart(BaseModel):
    cart_id: str
    items: list[LineItem]


class AddItem(LineItem):
    """Units of a product to add to a line."""


class SetQuantity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quantity: StrictInt = Field(ge=1, le=MAX_QUANTITY, examples=[2])


CART = "/api/carts/<cart_id>"
LINE = "/api/carts/<cart_id>/items/<product_id>"
GET_CART = Route("cart", "GET", CART, "Read a cart (an unknown cart is empty)", response=Cart)
ADD_ITEM = Route("cart", "POST", CART + "/items", "Add units of a product to a cart",
                 request=AddItem, response=Cart, status=201)
SET_ITEM = Route("cart", "PUT", LINE, "Set the quantity of a cart line", request=SetQuantity,
                 response=Cart)
REMOVE_ITEM = Route("cart", "DELETE", LINE, "Remove a line from a cart", response=Cart)
CLEAR_CART = Route("cart", "DELETE", CART, "Empty a cart", response=Cart)
