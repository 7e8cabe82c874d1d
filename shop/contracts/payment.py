"""The payment service's routes and models: a card, a charge, and checkout's charge key."""
from __future__ import annotations

import hashlib

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from shop.contracts.headers import IDEMPOTENCY_KEY
from shop.contracts.money import Money
from shop.contracts.route import Route

CHECKOUT_KEY_PREFIX = "checkout-"


def payment_key(checkout_key: str) -> str:
    """The Idempotency-Key checkout charges under for a checkout's own key (long ones hashed)."""
    if len(CHECKOUT_KEY_PREFIX) + len(checkout_key) <= IDEMPOTENCY_KEY.max_length:
        return CHECKOUT_KEY_PREFIX + checkout_key
    return CHECKOUT_KEY_PREFIX + "sha256-" + hashlib.sha256(checkout_key.encode()).hexdigest()


class Card(BaseModel):
    """A payment card as the shopper typed it; the number never leaves the request."""

    model_config = ConfigDict(extra="forbid")
    number: StrictStr = Field(min_length=1, max_length=40, examples=["4242 4242 4242 4242"])
    exp_month: StrictInt = Field(ge=1, le=12, examples=[12])
    exp_year: StrictInt = Field(ge=2000, le=2200, examples=[2030])
    cvv: StrictStr = Field(min_length=1, max_length=8, examples=["123"])


class ChargeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount: Money
    card: Card


class Charge(BaseModel):
    """A charge as stored: the card's brand and last four digits, never its number."""

    charge_id: str
    brand: str
    last4: str
    amount: Money
    created_at: str


class ChargeList(BaseModel):
    charges: list[Charge]


class ChargeQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    idempotency_key: str | None = Field(default=None, min_length=1,
                                        max_length=IDEMPOTENCY_KEY.max_length)


CHARGE = Route("payment", "POST", "/charge", "Charge a card (internal)", request=ChargeIn,
               response=Charge, status=201, headers=(IDEMPOTENCY_KEY,))
LIST_CHARGES = Route("payment", "GET", "/charges", "List charges, by idempotency key (internal)",
                     query=ChargeQuery, response=ChargeList)
GET_CHARGE = Route("payment", "GET", "/charges/<charge_id>", "Read one charge (internal)",
                   response=Charge)
