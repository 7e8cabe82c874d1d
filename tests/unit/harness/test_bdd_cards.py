"""Cards by name and expiry dates said as a person says them."""
from datetime import date

import pytest

from harness.bdd.cards import NAMED_CARDS, card, expiry, month_shifted, named


@pytest.mark.parametrize("today, months, expected", [
    (date(2026, 1, 15), -1, (12, 2025)),
    (date(2026, 12, 1), 1, (1, 2027)),
    (date(2026, 6, 30), 24, (6, 2028)),
    (date(2026, 3, 3), -12, (3, 2025)),
    (date(2026, 3, 3), 0, (3, 2026)),
])
def test_months_roll_over_years(today, months, expected):
    assert month_shifted(today, months) == expected


def test_a_written_expiry_is_taken_as_given():
    assert expiry("07/2031") == (7, 2031)


def test_relative_expiries_follow_today():
    this = date.today()
    assert expiry("this month") == (this.month, this.year)
    assert expiry("in two years") == (this.month, this.year + 2)


def test_named_cards_are_documented_test_cards_valid_for_two_years():
    visa = named("Approved Visa")
    assert visa["number"] == "4242 4242 4242 4242" and visa["exp_year"] == date.today().year + 2
    assert named("amex")["cvv"] == "1234"
    assert set(NAMED_CARDS) == {"approved visa", "mastercard", "amex", "declined visa"}


def test_an_unknown_card_name_lists_the_known_ones():
    with pytest.raises(KeyError, match="known: approved visa"):
        named("platinum")


def test_card_builds_the_request_part():
    assert card("4242", (1, 2030), "123") == {"number": "4242", "exp_month": 1, "exp_year": 2030,
                                              "cvv": "123"}
