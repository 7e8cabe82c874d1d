"""Cards as QA names them ("the declined Visa") and expiry dates relative to today."""
from __future__ import annotations

import re
from datetime import date

import parse

# The test cards the README documents, by the name a scenario uses.
NAMED_CARDS = {
    "approved visa": ("4242 4242 4242 4242", "123"),
    "mastercard": ("5555 5555 5555 4444", "123"),
    "amex": ("3782 822463 10005", "1234"),
    "declined visa": ("4000 0000 0000 0002", "123"),
}
SHIFTS = {"this month": 0, "next month": 1, "next year": 12, "in two years": 24,
          "last month": -1, "last year": -12}


def month_shifted(today: date, months: int) -> tuple[int, int]:
    """(month, year) `months` after today's month."""
    index = today.year * 12 + today.month - 1 + months
    return index % 12 + 1, index // 12


@parse.with_pattern(r"this month|next month|next year|in two years|last month|last year|"
                    r"\d{1,2}/\d{4}")
def expiry(text: str) -> tuple[int, int]:
    """An expiry as a scenario says it ("last month", "12/2031") as (month, year)."""
    found = re.fullmatch(r"(\d{1,2})/(\d{4})", text)
    if found:
        return int(found.group(1)), int(found.group(2))
    return month_shifted(date.today(), SHIFTS[text])


def card(number: str, when: tuple[int, int], cvv: str) -> dict:
    """The card part of a checkout request."""
    return {"number": number, "exp_month": when[0], "exp_year": when[1], "cvv": cvv}


def named(name: str) -> dict:
    """A documented test card by name, valid for two more years."""
    key = name.strip().lower()
    if key not in NAMED_CARDS:
        raise KeyError(f"no test card called {name!r}; known: {', '.join(NAMED_CARDS)}")
    number, cvv = NAMED_CARDS[key]
    return card(number, expiry("in two years"), cvv)
