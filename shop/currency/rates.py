"""Exchange rates and exact conversion of integer minor units between currencies."""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from shop.common.errors import ApiError
from shop.contracts.money import Money


@dataclass(frozen=True)
class Currency:
    """One supported currency."""

    code: str
    name: str
    symbol: str
    minor_digits: int
    per_usd: Decimal


class RateTable:
    """The supported currencies and their rates against the US dollar."""

    def __init__(self, currencies: dict[str, Currency], as_of: str):
        self.currencies = currencies
        self.as_of = as_of

    @classmethod
    def from_file(cls, path: str) -> RateTable:
        """Load the rates data file."""
        with open(path, encoding="utf-8") as fh:
            raw = json.load(fh)
        currencies = {
            code: Currency(code, c["name"], c["symbol"], int(c["minor_digits"]),
                           Decimal(c["per_usd"]))
            for code, c in raw["currencies"].items()
        }
        return cls(currencies, raw["as_of"])

    def get(self, code: str) -> Currency:
        """The currency `code`, or a 4xx naming the supported ones."""
        currency = self.currencies.get(code)
        if currency is None:
            supported = ", ".join(sorted(self.currencies))
            raise ApiError(f"unsupported currency {code!r}; supported: {supported}",
                           [{"field": "currency", "reason": f"unsupported: {code!r}"}],
                           status=422)
        return currency

    def convert(self, money: Money, to_code: str) -> Money:
        """Convert exactly, rounding half-to-even once, to the target's minor units."""
        source, target = self.get(money.currency), self.get(to_code)
        if source.code == target.code:
            return money
        major = Decimal(money.amount_minor) / (Decimal(10) ** source.minor_digits)
        converted = major / source.per_usd * target.per_usd
        minor = (converted * (Decimal(10) ** target.minor_digits)).quantize(
            Decimal(1), rounding=ROUND_HALF_EVEN)
        return Money(currency=target.code, amount_minor=int(minor))
