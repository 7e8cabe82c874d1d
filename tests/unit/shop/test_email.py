"""Unit tests of the email service: confirmations in the outbox, once per order."""
import pytest

import shop.email
from shop.contracts.money import Money
from shop.email.render import money_text
from tests.unit.shop.samples import sample

SERVICE = shop.email  # the service conftest's `app` fixture builds


def money(minor, currency="EUR"):
    return {"currency": currency, "amount_minor": minor}


ORDER = {
    "order_id": "a" * 32, "tracking_id": "AS-7QK2M4XZ3PLA", "email": "vera@example.com",
    "currency": "EUR",
    "items": [{"product_id": "apo-refractor-80", "quantity": 2, "unit_price": money(82708),
               "line_total": money(165416)},
              {"product_id": "red-dot-finder", "quantity": 1, "unit_price": money(2759),
               "line_total": money(2759)}],
    "shipping": money(550), "total": money(168725), "created_at": "2030-01-01T00:00:00+00:00",
}


def sent() -> float:
    """Order confirmations counted so far."""
    return sample("astroshop_emails_sent_total", kind="order_confirmation")


def send(client, email="vera@example.com", order=None):
    return client.post("/send/order-confirmation", json={"email": email, "order": order or ORDER})


def test_confirmation_lands_in_the_outbox(client):
    before = sent()
    response = send(client)
    assert response.status_code == 201
    messages = client.get("/outbox?to=vera@example.com").get_json()["messages"]
    assert [m["message_id"] for m in messages] == [response.get_json()["message_id"]]
    message = messages[0]
    assert (message["to"], message["order_id"]) == ("vera@example.com", "a" * 32)
    assert "a" * 32 in message["subject"]
    for text in ("2 x apo-refractor-80", "EUR 1,654.16", "EUR 27.59 each", "EUR 5.50",
                 "EUR 1,687.25", "AS-7QK2M4XZ3PLA"):
        assert text in message["body"]
    assert sent() == before + 1


def test_same_order_twice_is_one_message(client):
    before = sent()
    first, second = send(client), send(client)
    assert first.get_json() == second.get_json()
    assert len(client.get("/outbox").get_json()["messages"]) == 1
    assert sent() == before + 1


def test_outbox_filters_by_recipient(client):
    send(client)
    send(client, "other@example.org", {**ORDER, "order_id": "b" * 32})
    assert len(client.get("/outbox").get_json()["messages"]) == 2
    only = client.get("/outbox?to=other@example.org").get_json()["messages"]
    assert [m["order_id"] for m in only] == ["b" * 32]
    assert client.get("/outbox?to=nobody@example.com").get_json()["messages"] == []


@pytest.mark.parametrize("email", [
    "not-an-email", "a@b", "a b@example.com", "@example.com", "x@example..com",
    "x@-example.com", "x@example.c", "x" * 250 + "@example.com", 42, None, "",
    "x@example.com\n", "'; DROP TABLE outbox;--@example.com",
])
def test_bad_email_addresses_are_refused(client, email):
    response = send(client, email)
    assert response.status_code == 422
    assert "email" in [e["field"] for e in response.get_json()["errors"]]
    assert client.get("/outbox").get_json()["messages"] == []


@pytest.mark.parametrize("email", ["vera@example.com", "v.era+scopes@sub.example.co.uk",
                                   "O'Neil@example.org"])
def test_good_email_addresses_are_accepted(client, email):
    assert send(client, email).status_code == 201


@pytest.mark.parametrize("order, field", [
    ({**ORDER, "items": []}, "order.items"),
    ({k: v for k, v in ORDER.items() if k != "order_id"}, "order.order_id"),
    ({**ORDER, "total": money(1.5)}, "order.total.amount_minor"),
])
def test_bad_orders_are_refused(client, order, field):
    response = send(client, order=order)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.get_json()["errors"]]


@pytest.mark.parametrize("minor, currency, text", [
    (19677, "JPY", "JPY 19,677"), (129950, "EUR", "EUR 1,299.50"), (5, "USD", "USD 0.05"),
    (0, "GBP", "GBP 0.00"), (1234, "KWD", "KWD 1.234"),
])
def test_amounts_read_as_people_write_them(minor, currency, text):
    assert money_text(Money(currency=currency, amount_minor=minor)) == text


def test_unknown_outbox_filter_is_400(client):
    response = client.get("/outbox?bcc=x")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "bcc"


def test_ready_and_documented(client):
    assert client.get("/readyz").status_code == 200
    paths = client.get("/openapi.json").get_json()["paths"]
    assert {"/send/order-confirmation", "/outbox"} <= set(paths)
