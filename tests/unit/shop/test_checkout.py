"""Unit tests of the checkout service, with every dependency faked at the client boundary."""
import io
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

import shop.checkout
from shop.checkout.idempotency import fingerprint, fingerprint_key
from shop.checkout.store import claims, orders
from shop.common.logs import JsonFormatter
from shop.contracts.checkout import CheckoutIn
from tests.unit.shop.fakes import catalog, convert, refuse, unavailable
from tests.unit.shop.samples import sample

SERVICE = shop.checkout  # the service conftest's `app` fixture builds

PRICES = {"apo-refractor-80": 89900, "red-dot-finder": 2999}
CARD = {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2039, "cvv": "123"}
ADDRESS = {"street": "1 Observatory Way", "city": "Flagstaff", "state": "AZ", "zip": "86001",
           "country": "US"}
SHIPPING_USD = {"currency": "USD", "amount_minor": 599}


def checkout_body(**changes):
    return {"cart_id": "c1", "currency": "USD", "email": "vera@example.com",
            "address": ADDRESS, "card": CARD, **changes}


@pytest.fixture
def cart():
    return [{"product_id": "apo-refractor-80", "quantity": 2},
            {"product_id": "red-dot-finder", "quantity": 1}]


@pytest.fixture
def answers(fake, cart):
    """The shop around checkout: a cart, the catalog, currency, shipping, payment and email."""
    catalog(fake, PRICES)
    charges = {}
    fake.on("cart", "GET", "/api/carts/c1", lambda body, h: {"cart_id": "c1", "items": cart})
    fake.on("cart", "DELETE", "/api/carts/c1", lambda body, h: cart.clear() or {"items": []})
    fake.on("currency", "POST", "/convert/many",
            lambda body, h: {"items": [convert(m, body["to"]) for m in body["items"]]})
    fake.on("shipping", "POST", "/api/shipping/quote",
            lambda body, h: {"cost": convert(SHIPPING_USD, body["currency"])})
    fake.on("payment", "POST", "/charge", lambda body, h: charges.setdefault(
        h["Idempotency-Key"], {"charge_id": uuid.uuid4().hex, "brand": "visa", "last4": "4242",
                               "amount": body["amount"], "created_at": "2030-01-01T00:00:00"}))
    fake.on("shipping", "POST", "/ship", {"tracking_id": "AS-7QK2M4XZ3PLA"})
    fake.on("email", "POST", "/send/order-confirmation", {"message_id": "m1"})
    return fake


def orders_counted(result: str, reason: str) -> float:
    """Checkouts the orders metric counted with this result and reason."""
    return sample("astroshop_orders_total", result=result, reason=reason)


def place(client, key="key-1", **changes):
    return client.post("/api/checkout", json=checkout_body(**changes),
                       headers={"Idempotency-Key": key} if key is not None else {})


def order_count(app):
    with app.extensions["order_store"].engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(orders)).scalar_one()


def test_places_the_order_and_empties_the_cart(client, fake, cart):
    response = place(client)
    assert response.status_code == 201
    order = response.get_json()
    assert order["items"][0] == {
        "product_id": "apo-refractor-80", "quantity": 2,
        "unit_price": {"currency": "USD", "amount_minor": 89900},
        "line_total": {"currency": "USD", "amount_minor": 179800}}
    assert order["shipping"] == SHIPPING_USD
    assert order["total"] == {"currency": "USD", "amount_minor": 179800 + 2999 + 599}
    assert (order["tracking_id"], order["email"]) == ("AS-7QK2M4XZ3PLA", "vera@example.com")
    [payment] = fake.to("payment")
    assert payment.headers == {"Idempotency-Key": "checkout-key-1"}
    assert payment.body["amount"] == order["total"]
    assert cart == []
    assert fake.to("email")[0].body["order"] == order
    assert client.get(f"/api/orders/{order['order_id']}").get_json() == order


# Worked out by hand from the fake rates (0.92 EUR and 151.37 JPY per USD), rounding each unit
# price half-to-even once: 899.00 USD is 827.08 EUR and 136,081.63 JPY; 29.99 USD is 27.5908
# EUR and 4,539.5863 JPY; shipping 5.99 USD is 5.5108 EUR and 906.7063 JPY.
@pytest.mark.parametrize("currency, scope, finder, shipping, total", [
    ("USD", 89900, 2999, 599, 2 * 89900 + 2999 + 599),
    ("EUR", 82708, 2759, 551, 2 * 82708 + 2759 + 551),
    ("JPY", 136082, 4540, 907, 2 * 136082 + 4540 + 907),
])
def test_each_line_shipping_and_total_are_in_the_shoppers_currency(client, currency, scope,
                                                                    finder, shipping, total):
    order = place(client, currency=currency).get_json()

    def money(minor):
        return {"currency": currency, "amount_minor": minor}

    assert order["items"] == [
        {"product_id": "apo-refractor-80", "quantity": 2, "unit_price": money(scope),
         "line_total": money(2 * scope)},
        {"product_id": "red-dot-finder", "quantity": 1, "unit_price": money(finder),
         "line_total": money(finder)}]
    assert (order["shipping"], order["total"]) == (money(shipping), money(total))


def test_records_cart_size_and_order_value(client):
    sizes, value = sample("astroshop_cart_size_items_sum"), sample("astroshop_order_value_usd_sum")
    before = orders_counted("placed", "none")
    place(client, currency="EUR")
    assert sample("astroshop_cart_size_items_sum") == sizes + 2
    assert sample("astroshop_order_value_usd_sum") == pytest.approx(value + 1827.99)
    assert orders_counted("placed", "none") == before + 1


def test_same_key_twice_is_one_order_and_one_charge(client, fake):
    first, second = place(client), place(client)
    assert second.status_code == 201
    assert first.get_json() == second.get_json()
    assert len(fake.to("payment")) == 1
    assert len(fake.to("cart", "GET")) == 1


def test_same_key_with_another_body_is_a_conflict(client):
    place(client)
    response = place(client, email="other@example.com")
    assert response.status_code == 409
    assert response.get_json()["errors"][0]["field"] == "Idempotency-Key"


@pytest.mark.parametrize("changes", [
    {"card": {**CARD, "number": "4000 0000 0000 4242"}},  # another card, the same last four
    {"card": {**CARD, "cvv": "999"}},
    {"card": {**CARD, "number": "4242424242424242"}},  # the same card typed otherwise
    {"address": {**ADDRESS, "street": "2 Observatory Way"}},
    {"currency": "EUR"},
])
def test_any_change_to_the_request_under_the_same_key_is_a_conflict(client, fake, changes):
    assert place(client).status_code == 201
    response = place(client, **changes)
    assert response.status_code == 409
    assert response.get_json()["errors"][0]["field"] == "Idempotency-Key"
    assert len(fake.to("payment")) == 1


def test_the_fingerprint_is_keyed_by_the_deployment_secret_and_holds_no_card(app, client):
    body = CheckoutIn.model_validate(checkout_body())
    mine = fingerprint(body, fingerprint_key("test-secret"))
    assert mine == fingerprint(body, fingerprint_key("test-secret"))  # replicas agree
    assert mine != fingerprint(body, fingerprint_key("another deployment"))
    assert place(client).status_code == 201
    with app.extensions["order_store"].engine.connect() as conn:
        assert conn.execute(select(claims.c.fingerprint)).scalars().all() == [mine]


def test_concurrent_retries_make_one_order_and_one_charge(app, fake):
    slow_charge = fake.routes[("payment", "POST", "/charge")]
    fake.on("payment", "POST", "/charge", lambda b, h: time.sleep(0.3) or slow_charge(b, h))
    with ThreadPoolExecutor(6) as pool:
        responses = list(pool.map(lambda _: place(app.test_client(), key="race"), range(6)))
    assert {r.status_code for r in responses} == {201}
    assert len({r.get_json()["order_id"] for r in responses}) == 1
    assert len(fake.to("payment")) == 1
    assert order_count(app) == 1


def test_a_key_still_in_progress_is_409_with_retry_after(app, client, fake):
    app.config["IDEMPOTENCY_WAIT_S"] = "0.2"
    digest = fingerprint(CheckoutIn.model_validate(checkout_body()),
                         app.extensions["fingerprint_key"])
    assert app.extensions["order_store"].claim("held", digest) is None
    response = place(client, key="held")
    assert response.status_code == 409
    assert response.headers["Retry-After"] == "1"
    app.config["CLAIM_LEASE_S"] = "0"
    assert place(client, key="held").status_code == 201


def test_a_long_key_is_hashed_for_payment(client, fake):
    assert place(client, key="k" * 200).status_code == 201
    sent = fake.to("payment")[0].headers["Idempotency-Key"]
    assert sent.startswith("checkout-sha256-") and len(sent) <= 200


@pytest.mark.parametrize("key", [None, "", "k" * 201, "key\r\nX-Injected: 1", "key\n", "key\r",
                                 "a key", "key\t1", "key\x00", "ключ", '"quoted"', "k(1)"])
def test_idempotency_key_is_required_in_printable_token_characters(client, fake, key):
    environ = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    response = client.post("/api/checkout", json=checkout_body(), environ_overrides=environ)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"][0]["field"] == "Idempotency-Key"
    assert fake.calls == []


@pytest.mark.parametrize("key", ["k" * 200, "550e8400-e29b-41d4-a716-446655440000",
                                 "order.7_of~9+!#$%&'*^`|"])
def test_every_token_key_up_to_200_characters_is_accepted(client, key):
    assert place(client, key=key).status_code == 201


@pytest.mark.parametrize("changes, field", [
    ({"currency": "usd"}, "currency"),
    ({"currency": "DOGE"}, "currency"),
    ({"currency": 978}, "currency"),
    ({"email": "not-an-email"}, "email"),
    ({"cart_id": "bad id"}, "cart_id"),
    ({"address": "1 Main St"}, "address"),
    ({"address": {**ADDRESS, "country": "Mars"}}, "address.country"),
    ({"card": {**CARD, "exp_month": 13}}, "card.exp_month"),
    ({"card": {**CARD, "number": 4242424242424242}}, "card.number"),
    ({"coupon": "FREE"}, "coupon"),
])
def test_bad_requests_name_the_field_and_call_nothing(client, fake, changes, field):
    response = place(client, **changes)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.get_json()["errors"]]
    assert fake.calls == []


def test_empty_cart_is_422_charges_nothing_and_frees_the_key(client, fake, cart):
    saved = list(cart)
    cart.clear()
    response = place(client)
    assert response.status_code == 422
    assert "cart is empty" in response.get_json()["detail"]
    assert fake.to("payment") == []
    cart.extend(saved)
    assert place(client).status_code == 201


@pytest.mark.parametrize("status, detail, field", [
    (402, "card declined by the issuer", "card.number"),
    (422, "the card was refused: card.number is not a valid card number", "card.number"),
    (422, "the card was refused: card.exp_year the card expired", "card.exp_year"),
])
def test_payment_refusal_is_passed_on_keeping_the_cart(app, client, fake, cart, status, detail,
                                                        field):
    fake.on("payment", "POST", "/charge",
            refuse("payment", status, detail, [{"field": field, "reason": detail}]))
    response = place(client)
    assert response.status_code == status
    assert response.get_json()["detail"] == detail
    assert response.get_json()["errors"][0]["field"] == field
    assert (order_count(app), len(cart), fake.to("cart", "DELETE")) == (0, 2, [])
    assert fake.to("shipping")[-1].path == "/api/shipping/quote"


@pytest.mark.parametrize("service", ["cart", "catalog", "currency", "shipping", "payment"])
def test_a_dependency_down_is_503_naming_it(app, client, fake, cart, service):
    before = orders_counted("failed", f"{service}_unavailable")
    fake.down.add(service)
    response = place(client)
    assert response.status_code == 503
    assert response.get_json()["detail"].startswith(f"{service} is unavailable")
    assert (order_count(app), len(cart)) == (0, 2)
    assert orders_counted("failed", f"{service}_unavailable") == before + 1
    fake.down.clear()
    assert place(client).status_code == 201


def test_email_down_still_places_the_order(app, client, fake, cart):
    before = orders_counted("placed", "email_failed")
    fake.down.add("email")
    response = place(client)
    assert response.status_code == 201
    assert (order_count(app), cart) == (1, [])
    assert orders_counted("placed", "email_failed") == before + 1


def test_cart_failing_to_empty_still_places_the_order(app, client, fake, cart):
    fake.on("cart", "DELETE", "/api/carts/c1", unavailable("cart"))
    response = place(client)
    assert response.status_code == 201
    assert client.get(f"/api/orders/{response.get_json()['order_id']}").status_code == 200
    assert len(fake.to("email")) == 1


@pytest.mark.parametrize("service, path, status, field", [
    ("currency", "/convert/many", 422, "currency"),
    ("shipping", "/api/shipping/quote", 422, "address.zip"),
    ("catalog", "/api/products/red-dot-finder", 404, "product_id"),
])
def test_a_dependency_refusal_is_a_4xx_naming_the_field(app, client, fake, service, path,
                                                         status, field):
    fake.on(service, "POST" if service != "catalog" else "GET", path,
            refuse(service, status, f"{field} refused", [{"field": field, "reason": "bad"}]))
    response = place(client)
    assert response.status_code == 422
    assert response.get_json()["errors"] == [{"field": field, "reason": "bad"}]
    assert (order_count(app), fake.to("payment")) == (0, [])


def test_unknown_order_is_404_naming_it(client):
    response = client.get("/api/orders/" + "0" * 32)
    assert response.status_code == 404
    assert "0" * 32 in response.get_json()["detail"]


def test_card_number_is_never_stored_or_logged(app, client, tmp_path):
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter("checkout"))
    app.logger.addHandler(handler)
    assert place(client).status_code == 201
    assert "order placed" in buffer.getvalue()
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("x.db*"))
    for number in ("4242424242424242", "4242 4242 4242 4242"):
        assert number not in buffer.getvalue()
        assert number.encode() not in stored


def test_openapi_lists_the_public_routes(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert set(paths) == {"/api/checkout", "/api/orders/{order_id}",
                          "/internal/accounts/{account_id}/orders"}
    assert paths["/api/checkout"]["post"]["parameters"][0]["name"] == "Idempotency-Key"
    assert client.get("/readyz").status_code == 200


ACCOUNT = "0123456789abcdef0123456789abcdef"


def test_an_order_placed_signed_in_joins_the_accounts_history_newest_first(client, cart):
    placed = []
    for n in range(12):
        cart[:] = [{"product_id": "red-dot-finder", "quantity": 1}]
        headers = {"Idempotency-Key": f"k{n}", **({"X-Astroshop-Account": ACCOUNT}
                                                  if n != 5 else {})}
        placed.append(client.post("/api/checkout", json=checkout_body(),
                                  headers=headers).get_json()["order_id"])
    first = client.get(f"/internal/accounts/{ACCOUNT}/orders").get_json()
    second = client.get(f"/internal/accounts/{ACCOUNT}/orders?page=2").get_json()
    mine = [order for n, order in enumerate(placed) if n != 5][::-1]
    assert [o["order_id"] for o in first["orders"]] == mine[:10] and first["next_page"] == 2
    assert [o["order_id"] for o in second["orders"]] == mine[10:] and second["next_page"] is None


def test_an_account_header_that_is_no_account_id_links_nothing(client, cart):
    order = client.post("/api/checkout", json=checkout_body(), headers={
        "Idempotency-Key": "k-bad", "X-Astroshop-Account": "'; DROP TABLE orders;--"}).get_json()
    assert order["order_id"]
    assert client.get(f"/internal/accounts/{ACCOUNT}/orders").get_json()["orders"] == []
    assert client.get("/internal/accounts/not-an-id/orders").status_code == 404
    assert client.get(f"/internal/accounts/{ACCOUNT}/orders?page=0").status_code == 400
