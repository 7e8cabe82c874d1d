"""Shipping costs in US cents, their conversion, and tracking ids for shipments."""
from __future__ import annotations

import secrets

from pydantic import ValidationError

from shop.common.app import client
from shop.common.client import UpstreamError
from shop.common.errors import ApiError, DependencyError
from shop.contracts.address import Address
from shop.contracts.cart import LineItem
from shop.contracts.currency import CONVERT
from shop.contracts.money import Money

DOMESTIC = "US"
DOMESTIC_BASE, DOMESTIC_PER_UNIT, FREE_DOMESTIC_UNITS = 599, 149, 10
INTERNATIONAL_BASE, INTERNATIONAL_PER_UNIT = 2499, 499
TRACKING_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"  # RFC 4648 base32
TRACKING_PREFIX, TRACKING_LENGTH = "AS-", 12


def units(items: list[LineItem]) -> int:
    """How many units the items add up to."""
    return sum(item.quantity for item in items)


def quote_usd(address: Address, items: list[LineItem]) -> Money:
    """The cost in USD: cheaper (and free from 10 units) at home, dearer abroad."""
    count = units(items)
    if address.country == DOMESTIC:
        cents = 0 if count >= FREE_DOMESTIC_UNITS else \
            DOMESTIC_BASE + DOMESTIC_PER_UNIT * (count - 1)
    else:
        cents = INTERNATIONAL_BASE + INTERNATIONAL_PER_UNIT * (count - 1)
    return Money(currency="USD", amount_minor=cents)


def convert(cost: Money, currency: str) -> Money:
    """`cost` in `currency`, converted by the currency service (no call for USD)."""
    if currency == cost.currency:
        return cost
    try:
        answer = client().call(CONVERT, {"money": cost.model_dump(), "to": currency})
    except UpstreamError as exc:
        reason = exc.body.get("detail", f"refused by the currency service ({exc.status})")
        raise ApiError(reason, [{"field": "currency", "reason": reason}],
                       status=exc.status) from exc
    try:
        converted = Money.model_validate(answer)
    except ValidationError as exc:
        raise DependencyError("currency", "answered with something other than Money") from exc
    if converted.currency != currency:
        raise DependencyError("currency", f"answered in {converted.currency}, not {currency}")
    return converted


def tracking_id() -> str:
    """A fresh random tracking id such as AS-7QK2M4XZ3PLA."""
    body = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
    return TRACKING_PREFIX + body
