"""The payment contract: the card and charge schemas, and the Idempotency-Key header."""
from __future__ import annotations

from flask import request
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from shop.common.errors import ApiError
from shop.common.money import Money

IDEMPOTENCY_HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def idempotency_key() -> str:
    """The request's Idempotency-Key header (1..200 characters), or a 400 naming it."""
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not 1 <= len(key) <= MAX_KEY_LENGTH:
        reason = "missing" if not key else f"must be at most {MAX_KEY_LENGTH} characters"
        raise ApiError(f"the {IDEMPOTENCY_HEADER} header is required (1 to "
                       f"{MAX_KEY_LENGTH} characters)",
                       [{"field": IDEMPOTENCY_HEADER, "reason": reason, "in": "header"}])
    return key


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
    idempotency_key: str | None = Field(default=None, min_length=1, max_length=MAX_KEY_LENGTH)
