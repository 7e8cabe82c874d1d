"""The checkout service's routes and models: the order request and the Order it places."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from shop.contracts.address import Address
from shop.contracts.cart import MAX_QUANTITY
from shop.contracts.fields import CART_ID, EmailAddress
from shop.contracts.headers import IDEMPOTENCY_KEY
from shop.contracts.money import CURRENCY_CODE, Money
from shop.contracts.payment import Card
from shop.contracts.route import Route

MAX_PAGE = 10_000


class CheckoutIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cart_id: str = Field(pattern=CART_ID, examples=["3f2c9a"])
    currency: str = Field(pattern=CURRENCY_CODE, examples=["EUR"])
    email: EmailAddress = Field(examples=["shopper@example.com"])
    address: Address
    card: Card


class OrderItem(BaseModel):
    product_id: str
    quantity: StrictInt = Field(ge=1, le=MAX_QUANTITY)
    unit_price: Money
    line_total: Money


class Order(BaseModel):
    """A placed order: every amount in its currency, total = sum(line_total) + shipping."""

    order_id: str
    tracking_id: str
    email: str
    currency: str
    items: list[OrderItem] = Field(min_length=1)
    shipping: Money
    total: Money
    created_at: str


class OrdersQuery(BaseModel):
    """A page of an account's orders, newest first (pages of ORDERS_PER_PAGE)."""

    model_config = ConfigDict(extra="forbid")
    page: int = Field(1, ge=1, le=MAX_PAGE, description="1 for the newest orders")


class OrderPage(BaseModel):
    """One page of an account's orders, newest first, and the next page's number (or null)."""

    orders: list[Order]
    next_page: int | None = None


ORDERS_PER_PAGE = 10
PLACE_ORDER = Route("checkout", "POST", "/api/checkout", "Place an order for a cart; a "
                    "signed-in shopper's order is linked to their account",
                    request=CheckoutIn, response=Order, status=201, headers=(IDEMPOTENCY_KEY,),
                    identity="optional")
GET_ORDER = Route("checkout", "GET", "/api/orders/<order_id>", "Read an order", response=Order)
# Mesh only (no public route reaches /internal/): the orders placed by one account.
ACCOUNT_ORDERS = Route("checkout", "GET", "/internal/accounts/<account_id>/orders",
                       "The orders an account placed, newest first", query=OrdersQuery,
                       response=OrderPage)
