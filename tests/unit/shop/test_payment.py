"""Unit tests of the payment service: the card rules, idempotent charges, no card data kept."""
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import sqlalchemy

import shop.payment
from shop.common.fingerprint import derived_key, fingerprint
from shop.contracts.payment import ChargeIn
from shop.common.logs import JsonFormatter
from tests.unit.shop.samples import sample

SERVICE = shop.payment  # the service conftest's `app` fixture builds

NOW = datetime.now(UTC)
LAST_MONTH = (NOW.year, NOW.month - 1) if NOW.month > 1 else (NOW.year - 1, 12)
AMOUNT = {"currency": "USD", "amount_minor": 12999}


def card(number="4242 4242 4242 4242", month=12, year=NOW.year + 2, cvv="123"):
    return {"number": number, "exp_month": month, "exp_year": year, "cvv": cvv}


def declined() -> float:
    """Visa charges declined so far."""
    return sample("astroshop_payment_charges_total", result="declined", brand="visa")


def charge(client, key="key-1", **card_fields):
    return client.post("/charge", json={"amount": AMOUNT, "card": card(**card_fields)},
                       headers={"Idempotency-Key": key})


@pytest.mark.parametrize("number, cvv, brand", [
    ("4242424242424242", "123", "visa"),
    ("4222222222222", "123", "visa"),
    ("4242-4242-4242-4242", "123", "visa"),
    ("5555 5555 5555 4444", "123", "mastercard"),
    ("2223003122003222", "123", "mastercard"),
    ("378282246310005", "1234", "amex"),
    ("371449635398431", "1234", "amex"),
])
def test_valid_cards_are_charged_keeping_brand_and_last4(client, number, cvv, brand):
    response = charge(client, number=number, cvv=cvv)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["brand"], body["last4"], body["amount"]) == (brand, number[-4:], AMOUNT)


@pytest.mark.parametrize("changes, field, reason", [
    ({"number": "4242424242424241"}, "card.number", "Luhn"),
    ({"number": "4242abcd42424242"}, "card.number", "only digits"),
    ({"number": "4242 4242"}, "card.number", "13 to 19 digits"),
    ({"number": "4" * 20}, "card.number", "13 to 19 digits"),
    ({"number": "6011111111111117"}, "card.number", "unsupported card brand"),
    ({"number": "3530111333300000"}, "card.number", "unsupported card brand"),
    ({"year": 2020}, "card.exp_year", "expired"),
    ({"year": LAST_MONTH[0], "month": LAST_MONTH[1]}, "card.exp_", "expired"),
    ({"month": 13}, "card.exp_month", "less than or equal to 12"),
    ({"month": 0}, "card.exp_month", "greater than or equal to 1"),
    ({"cvv": "12"}, "card.cvv", "3 digits"),
    ({"cvv": "1234"}, "card.cvv", "3 digits"),
    ({"cvv": "12a"}, "card.cvv", "3 digits"),
    ({"number": "378282246310005", "cvv": "123"}, "card.cvv", "4 digits"),
])
def test_invalid_cards_are_refused_naming_field_and_reason(client, changes, field, reason):
    response = charge(client, **changes)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert any(e["field"].startswith(field) and reason in e["reason"] for e in errors), errors
    assert client.get("/charges").get_json()["charges"] == []


def test_card_valid_until_the_end_of_its_month(client):
    assert charge(client, month=NOW.month, year=NOW.year).status_code == 201


def test_declined_test_card_is_402_and_counted(client):
    before = declined()
    response = charge(client, number="4000000000000002")
    assert response.status_code == 402
    assert "card declined" in response.get_json()["detail"]
    assert response.get_json()["errors"][0]["field"] == "card.number"
    assert declined() == before + 1
    assert client.get("/charges").get_json()["charges"] == []


@pytest.mark.parametrize("key", [None, "", "k" * 201, "key\r\nX-Injected: 1", "key\n",
                                 "a key", "key\x7f", "clé"])
def test_idempotency_key_is_required_in_printable_token_characters(client, key):
    environ = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    response = client.post("/charge", json={"amount": AMOUNT, "card": card()},
                           environ_overrides=environ)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "Idempotency-Key"
    assert client.get("/charges").get_json()["charges"] == []


@pytest.mark.parametrize("amount, field", [
    ({"currency": "USD", "amount_minor": 0}, "amount.amount_minor"),
    ({"currency": "USD", "amount_minor": 1.5}, "amount.amount_minor"),
    ({"currency": "usd", "amount_minor": 100}, "amount.currency"),
])
def test_bad_amounts_are_refused(client, amount, field):
    response = client.post("/charge", json={"amount": amount, "card": card()},
                           headers={"Idempotency-Key": "k"})
    assert response.status_code == 422
    assert field in [e["field"] for e in response.get_json()["errors"]]


def test_same_key_twice_is_one_charge(client):
    first, second = charge(client), charge(client)
    assert first.get_json() == second.get_json()
    listed = client.get("/charges?idempotency_key=key-1").get_json()["charges"]
    assert [c["charge_id"] for c in listed] == [first.get_json()["charge_id"]]
    assert client.get(f"/charges/{listed[0]['charge_id']}").get_json() == first.get_json()


@pytest.mark.parametrize("changes", [
    {"number": "5555555555554444"},  # another brand and last four
    {"number": "4000000000024242"},  # the same brand and last four, another card
    {"cvv": "999"}, {"month": 11}, {"year": NOW.year + 3},
])
def test_same_key_with_any_other_card_field_is_a_conflict(client, changes):
    assert charge(client).status_code == 201
    response = charge(client, **changes)
    assert response.status_code == 409
    assert response.get_json()["errors"][0]["field"] == "Idempotency-Key"


def test_the_same_key_with_another_amount_is_a_conflict(client):
    assert charge(client).status_code == 201
    response = client.post("/charge", json={"amount": {**AMOUNT, "amount_minor": 1},
                                            "card": card()}, headers={"Idempotency-Key": "key-1"})
    assert response.status_code == 409


def test_the_kept_fingerprint_is_keyed_by_the_deployment_secret(app, client):
    assert charge(client).status_code == 201
    body = ChargeIn.model_validate({"amount": AMOUNT, "card": card()})
    kept = app.extensions["charge_store"].fingerprint_of("key-1")
    assert kept == fingerprint(body, derived_key("test-secret", shop.payment.PURPOSE))
    assert kept != fingerprint(body, derived_key("another deployment", shop.payment.PURPOSE))


def test_a_charges_table_of_an_older_version_gets_the_fingerprint_column(settings, tmp_path):
    engine = sqlalchemy.create_engine(settings["DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text(
            "CREATE TABLE charges (charge_id VARCHAR(32) PRIMARY KEY, idempotency_key "
            "VARCHAR(200) NOT NULL UNIQUE, brand VARCHAR(16) NOT NULL, last4 VARCHAR(4) NOT NULL, "
            "currency VARCHAR(3) NOT NULL, amount_minor BIGINT NOT NULL, created_at VARCHAR(32) "
            "NOT NULL)"))
        conn.execute(sqlalchemy.text("INSERT INTO charges VALUES ('old', 'old-key', 'visa', "
                                     "'4242', 'USD', 12999, '2024-01-01T00:00:00')"))
    client = shop.payment.create_app(settings).test_client()
    assert charge(client).status_code == 201
    assert charge(client, key="old-key").status_code == 409  # nothing to tell a retry by


def test_concurrent_requests_with_one_key_make_one_charge(app):
    with ThreadPoolExecutor(8) as pool:
        responses = list(pool.map(lambda _: charge(app.test_client(), key="race"), range(8)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.get_json()["charge_id"] for r in responses}) == 1
    assert len(app.test_client().get("/charges").get_json()["charges"]) == 1


def test_unknown_charge_is_404(client):
    response = client.get("/charges/nope")
    assert response.status_code == 404
    assert response.get_json()["errors"][0]["field"] == "charge_id"


def test_card_number_is_never_stored_or_logged(app, client, tmp_path):
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter("payment"))
    app.logger.addHandler(handler)
    charge(client, key="a", number="5105 1051 0510 5100")
    charge(client, key="b", number="5105105105105100", cvv="1")
    charge(client, key="c", number="4000000000000002")
    logged = buffer.getvalue()
    assert "card charged" in logged and "5100" in logged
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("x.db*"))
    for number in ("5105105105105100", "5105 1051 0510 5100", "4000000000000002"):
        assert number not in logged
        assert number.encode() not in stored


def test_openapi_lists_the_routes(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert {"/charge", "/charges", "/charges/{charge_id}"} <= set(paths)
    headers = [p["name"] for p in paths["/charge"]["post"]["parameters"]]
    assert headers == ["Idempotency-Key"]
