"""The checkout contract: the checkout request, the Order, and the email address type."""
from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

from shop.cart.domain import CART_ID
from shop.common.money import CURRENCY_CODE, Money
from shop.payment.models import Card
from shop.shipping.models import Address

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(rf"[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{{|}}~-]+)*"
                   rf"@{_LABEL}(?:\.{_LABEL})*\.[A-Za-z]{{2,63}}")


def _email(value: str) -> str:
    """An address of the form local@domain.tld, at most 254 characters."""
    if len(value) > 254 or not EMAIL.fullmatch(value):
        raise ValueError("not a valid email address (expected name@example.com)")
    return value


EmailAddress = Annotated[StrictStr, AfterValidator(_email)]


class CheckoutIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cart_id: str = Field(pattern=CART_ID, examples=["3f2c9a"])
    currency: str = Field(pattern=CURRENCY_CODE, examples=["EUR"])
    email: EmailAddress = Field(examples=["shopper@example.com"])
    address: Address
    card: Card


class OrderItem(BaseModel):
    product_id: str
    quantity: StrictInt = Field(ge=1, le=99)
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
