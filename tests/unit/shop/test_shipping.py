"""Unit tests of the shipping service; the currency service is faked at the client boundary."""
import re

import pytest

import shop.shipping
from tests.unit.shop.fakes import refuse, unavailable

SERVICE = shop.shipping  # the service conftest's `app` fixture builds

US = {"street": "1 Observatory Rd", "city": "Flagstaff", "state": "AZ", "zip": "86001",
      "country": "US"}
DE = {"street": "Sternwartestr. 5", "city": "Hamburg", "state": "", "zip": "21029",
      "country": "de"}


@pytest.fixture
def answers(fake):
    """The currency service, answering POST /convert at 0.92 EUR per USD."""
    fake.on("currency", "POST", "/convert", lambda body, headers: {
        "currency": body["to"], "amount_minor": body["money"]["amount_minor"] * 92 // 100})
    return fake


def quote(address, quantity=1, currency="USD", **extra):
    """A quote request for `quantity` units of one product."""
    return {"address": address, "currency": currency,
            "items": [{"product_id": "plossl-25", "quantity": quantity}], **extra}


@pytest.mark.parametrize("address, quantity, cents", [
    (US, 1, 599), (US, 3, 897), (US, 9, 1791), (US, 10, 0), (US, 99, 0),
    (DE, 1, 2499), (DE, 2, 2998), (dict(DE, country="JP"), 10, 6990),
])
def test_usd_quote_by_destination_and_units_needs_no_conversion(client, fake, address,
                                                                 quantity, cents):
    response = client.post("/api/shipping/quote", json=quote(address, quantity))
    assert response.get_json() == {"cost": {"currency": "USD", "amount_minor": cents}}
    assert fake.calls == []


def test_units_are_summed_over_items(client):
    body = quote(US) | {"items": [{"product_id": "plossl-25", "quantity": 2},
                                  {"product_id": "moon-map", "quantity": 3}]}
    cost = client.post("/api/shipping/quote", json=body).get_json()["cost"]
    assert cost == {"currency": "USD", "amount_minor": 599 + 4 * 149}


def test_quote_is_converted_by_the_currency_service(client, fake):
    response = client.post("/api/shipping/quote", json=quote(DE, 1, "EUR"))
    assert response.get_json() == {"cost": {"currency": "EUR", "amount_minor": 2299}}
    assert [(c.service, c.path, c.body) for c in fake.calls] == [("currency", "/convert", {
        "money": {"currency": "USD", "amount_minor": 2499}, "to": "EUR"})]


@pytest.mark.parametrize("failure, status", [
    (refuse("currency", 422, "unsupported currency 'XXX'", []), 422),
    (unavailable("currency"), 503),
])
def test_currency_service_failures_are_reported(client, fake, failure, status):
    fake.on("currency", "POST", "/convert", failure)
    response = client.post("/api/shipping/quote", json=quote(US, 1, "XXX"))
    assert response.status_code == status
    assert "currency" in str(response.get_json())


@pytest.mark.parametrize("body, field", [
    (quote(dict(US, country="XX")), "address.country"),
    (quote(dict(US, country="USA")), "address.country"),
    (quote(dict(US, street="  ")), "address.street"),
    (quote(dict(US, city="x" * 101)), "address.city"),
    (quote(dict(US, zip="86 001; DROP TABLE")), "address.zip"),
    (quote(dict(US, state="")), "address.state"), (quote(dict(US, zip="8600")), "address.zip"),
    (quote({k: v for k, v in US.items() if k != "street"}), "address.street"),
    (quote(US, 0), "items.0.quantity"), (quote(US, 100), "items.0.quantity"),
    (quote(US, "2"), "items.0.quantity"), (quote(US, 1.5), "items.0.quantity"),
    (quote(US) | {"items": []}, "items"),
    (quote(US) | {"items": [{"product_id": "m", "quantity": 1}] * 51}, "items"),
    (quote(US) | {"items": [{"product_id": "Bad Id", "quantity": 1}]}, "items.0.product_id"),
    (quote(US, 1, "eur"), "currency"), (quote(US, coupon="FREE"), "coupon"),
    ({"address": US, "items": [{"product_id": "m", "quantity": 1}]}, "currency"),
])
def test_bad_quotes_name_the_field(client, fake, body, field):
    response = client.post("/api/shipping/quote", json=body)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.get_json()["errors"]]
    assert fake.calls == []


@pytest.mark.parametrize("data, content_type, status", [
    ("[1]", "application/json", 400), ("{bad", "application/json", 400),
    ("address=x", "application/x-www-form-urlencoded", 415),
])
def test_non_object_bodies_are_refused(client, data, content_type, status):
    response = client.post("/api/shipping/quote", data=data, content_type=content_type)
    assert response.status_code == status


def test_shipping_returns_unique_well_formed_tracking_ids(client):
    body = {"address": DE, "items": [{"product_id": "sct-8", "quantity": 2}]}
    responses = [client.post("/ship", json=body) for _ in range(200)]
    assert {r.status_code for r in responses} == {201}
    ids = {r.get_json()["tracking_id"] for r in responses}
    assert len(ids) == 200 and all(re.fullmatch(r"AS-[A-Z2-7]{12}", tid) for tid in ids)


def test_bad_shipment_is_refused(client):
    response = client.post("/ship", json={"address": dict(US, country="ZZ"), "items": []})
    assert response.status_code == 422
    assert {"address.country", "items"} <= {e["field"] for e in response.get_json()["errors"]}


def test_openapi_lists_each_route(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert {"/api/shipping/quote", "/ship"} <= set(paths)
