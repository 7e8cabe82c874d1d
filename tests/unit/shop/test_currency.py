"""Unit tests of the currency service."""
import pytest

import shop.currency

SERVICE = shop.currency  # the service conftest's `app` fixture builds


def test_lists_the_required_currencies_with_minor_digits(client):
    body = client.get("/api/currencies").get_json()
    digits = {c["code"]: c["minor_digits"] for c in body["currencies"]}
    for code in ("USD", "EUR", "GBP", "CAD", "CHF"):
        assert digits[code] == 2
    assert digits["JPY"] == 0


@pytest.mark.parametrize("amount, to, expected", [
    (12999, "JPY", 19677),   # 129.99 * 151.37 = 19676.59 -> 19677 yen
    (100, "USD", 100),
    (10000, "EUR", 9200),
    (1, "GBP", 1),           # 0.79 cents rounds half-even to 1
])
def test_converts_exactly_to_integer_minor_units(client, amount, to, expected):
    body = client.post("/convert", json={"money": {"currency": "USD", "amount_minor": amount},
                                         "to": to}).get_json()
    assert body == {"currency": to, "amount_minor": expected}


def test_converts_from_zero_digit_currency(client):
    body = client.post("/convert", json={"money": {"currency": "JPY", "amount_minor": 15137},
                                         "to": "USD"}).get_json()
    assert body == {"currency": "USD", "amount_minor": 10000}


@pytest.mark.parametrize("payload, field", [
    ({"money": {"currency": "USD", "amount_minor": 1.5}, "to": "EUR"}, "money.amount_minor"),
    ({"money": {"currency": "USD", "amount_minor": -1}, "to": "EUR"}, "money.amount_minor"),
    ({"money": {"currency": "usd", "amount_minor": 1}, "to": "EUR"}, "money.currency"),
    ({"money": {"currency": "USD", "amount_minor": 1}}, "to"),
])
def test_bad_conversion_requests_name_the_field(client, payload, field):
    response = client.post("/convert", json=payload)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in [e["field"] for e in response.get_json()["errors"]]


def test_unsupported_currency_is_refused(client):
    response = client.post("/convert", json={"money": {"currency": "USD", "amount_minor": 1},
                                             "to": "XXX"})
    assert response.status_code == 422
    assert "unsupported currency" in response.get_json()["detail"]


def test_openapi_document_lists_public_route(client):
    doc = client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert "/api/currencies" in doc["paths"]


def test_converts_many_amounts_in_order(client):
    items = [{"currency": "USD", "amount_minor": 100}, {"currency": "USD", "amount_minor": 250}]
    body = client.post("/convert/many", json={"items": items, "to": "JPY"}).get_json()
    assert body == {"items": [{"currency": "JPY", "amount_minor": 151},
                              {"currency": "JPY", "amount_minor": 378}]}
