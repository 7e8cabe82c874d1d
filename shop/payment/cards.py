"""Card rules: digits, length, Luhn, brand, expiry and CVV; and the issuer's test decline."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from shop.common.errors import ApiError
from shop.contracts.payment import Card

# A documented test card that passes every rule and is then declined by the issuer.
DECLINED_TEST_CARDS = frozenset({"4000000000000002"})


class CardRefused(ApiError):
    """A refused card, with the brand and result the charge metric is labelled by."""

    def __init__(self, detail: str, errors: list[dict], status: int, brand: str, result: str):
        super().__init__(detail, errors, status=status)
        self.brand, self.result = brand, result


@dataclass(frozen=True)
class CardInfo:
    """All that is kept of a card."""

    brand: str
    last4: str


def brand_of(digits: str) -> str | None:
    """Visa, Mastercard or American Express by the number's prefix; None for any other."""
    if digits.startswith("4"):
        return "visa"
    if digits[:2] in ("34", "37"):
        return "amex"
    if "51" <= digits[:2] <= "55" or (len(digits) >= 4 and "2221" <= digits[:4] <= "2720"):
        return "mastercard"
    return None


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) checksum holds."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _number_problem(digits: str) -> str | None:
    """Why the number is refused, or None."""
    if not re.fullmatch(r"[0-9]+", digits):
        return "must contain only digits (spaces and dashes are ignored)"
    if not 13 <= len(digits) <= 19:
        return f"must have 13 to 19 digits, got {len(digits)}"
    if not luhn_ok(digits):
        return "is not a valid card number (Luhn check failed)"
    if brand_of(digits) is None:
        return "unsupported card brand: Visa, Mastercard and American Express are accepted"
    return None


def check(card: Card, now: datetime) -> CardInfo:
    """The card's brand and last four digits, or a CardRefused naming every bad field."""
    digits = re.sub(r"[ -]", "", card.number)
    brand = brand_of(digits) if re.fullmatch(r"[0-9]+", digits) else None
    errors = []
    if (problem := _number_problem(digits)) is not None:
        errors.append({"field": "card.number", "reason": problem})
    if (card.exp_year, card.exp_month) < (now.year, now.month):
        field = "card.exp_year" if card.exp_year < now.year else "card.exp_month"
        errors.append({"field": field, "reason": f"the card expired at the end of "
                                                 f"{card.exp_month:02d}/{card.exp_year}"})
    cvv_digits = 4 if brand == "amex" else 3
    if not re.fullmatch(rf"[0-9]{{{cvv_digits}}}", card.cvv):
        errors.append({"field": "card.cvv", "reason": f"must be {cvv_digits} digits"})
    if errors:
        reasons = "; ".join(f"{e['field']} {e['reason']}" for e in errors)
        raise CardRefused(f"the card was refused: {reasons}", errors, 422,
                          brand or "unknown", "invalid")
    if digits in DECLINED_TEST_CARDS:
        raise CardRefused("card declined by the issuer", [
            {"field": "card.number", "reason": "card declined"}], 402, brand, "declined")
    return CardInfo(brand=brand, last4=digits[-4:])
