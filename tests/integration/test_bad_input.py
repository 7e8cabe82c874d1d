"""Malformed requests across the public API: each a 4xx naming the problem, nothing written."""
import uuid

import pytest
import requests

from harness.shopclient import TEST_ADDRESS, TEST_CARD

J = {"Content-Type": "application/json"}
CART = "badinput-" + uuid.uuid4().hex[:8]


def checkout_body(**changes):
    body = {"cart_id": CART, "currency": "USD", "email": "qa@example.com",
            "address": dict(TEST_ADDRESS), "card": dict(TEST_CARD)}
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            body[outer][inner] = value
        else:
            body[key] = value
    return body


KEY = {"Idempotency-Key": "bad-input-key"}

# (id, method, path, headers, raw body or JSON, a word the problem must mention)
CASES = [
    ("qty-string", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P", "quantity": "2"}, "quantity"),
    ("qty-float", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P", "quantity": 2.5}, "quantity"),
    ("qty-zero", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P", "quantity": 0}, "quantity"),
    ("qty-negative", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P", "quantity": -3}, "quantity"),
    ("qty-100", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P", "quantity": 100}, "quantity"),
    ("qty-huge", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P", "quantity": 10**30}, "quantity"),
    ("qty-bool", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P", "quantity": True}, "quantity"),
    ("qty-missing", "POST", f"/api/carts/{CART}/items", J, {"product_id": "P"}, "quantity"),
    ("product-missing", "POST", f"/api/carts/{CART}/items", J, {"quantity": 1}, "product_id"),
    ("product-unknown", "POST", f"/api/carts/{CART}/items", J, {"product_id": "no-such-scope", "quantity": 1}, "product"),
    ("product-sql", "POST", f"/api/carts/{CART}/items", J, {"product_id": "x' OR '1'='1", "quantity": 1}, "product"),
    ("product-number", "POST", f"/api/carts/{CART}/items", J, {"product_id": 42, "quantity": 1}, "product_id"),
    ("json-invalid", "POST", f"/api/carts/{CART}/items", J, "{not json", "JSON"),
    ("json-array", "POST", f"/api/carts/{CART}/items", J, "[1, 2]", "object"),
    ("json-string", "POST", f"/api/carts/{CART}/items", J, '"hello"', "object"),
    ("cart-id-unicode", "POST", "/api/carts/%F0%9F%94%AD%E2%9C%A8/items", J, {"product_id": "P", "quantity": 1}, "cart"),
    ("cart-id-sql", "GET", "/api/carts/1%3B%20DROP%20TABLE%20carts", {}, None, "cart"),
    ("product-id-unicode", "GET", "/api/products/%E6%9C%9B%E9%81%A0%E9%8F%A1", {}, None, "product"),
    ("product-unknown-get", "GET", "/api/products/no-such-thing", {}, None, "no-such-thing"),
    ("search-too-long", "GET", "/api/products?q=" + "a" * 500, {}, None, "q"),
    ("category-unknown", "GET", "/api/products?category=submarines", {}, None, "category"),
    ("order-unknown", "GET", "/api/orders/" + "0" * 32, {}, None, "order"),
    ("reco-no-ids", "GET", "/api/recommendations", {}, None, "product_ids"),
    ("quote-bad-currency", "POST", "/api/shipping/quote", J, {"address": TEST_ADDRESS, "items": [{"product_id": "plossl-25", "quantity": 1}], "currency": "XXX"}, "currency"),
    ("quote-no-items", "POST", "/api/shipping/quote", J, {"address": TEST_ADDRESS, "items": [], "currency": "USD"}, "items"),
    ("quote-bad-country", "POST", "/api/shipping/quote", J, {"address": {**TEST_ADDRESS, "country": "Mars"}, "items": [{"product_id": "plossl-25", "quantity": 1}], "currency": "USD"}, "country"),
    ("checkout-no-key", "POST", "/api/checkout", J, checkout_body(), "Idempotency-Key"),
    ("checkout-currency", "POST", "/api/checkout", {**J, **KEY}, checkout_body(currency="DOGE"), "currency"),
    ("checkout-currency-unsupported", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-cur"}, checkout_body(currency="XXX"), "currency"),
    ("checkout-email", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-email"}, checkout_body(email="not-an-email"), "email"),
    ("checkout-luhn", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-luhn"}, checkout_body(**{"card.number": "4242424242424241"}), "card"),
    ("checkout-expired", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-exp"}, checkout_body(**{"card.exp_year": 2020}), "card"),
    ("checkout-month", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-month"}, checkout_body(**{"card.exp_month": 13}), "exp_month"),
    ("checkout-brand", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-brand"}, checkout_body(**{"card.number": "6011111111111117"}), "card"),
    ("checkout-card-letters", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-letters"}, checkout_body(**{"card.number": "4242abcd42424242"}), "card"),
    ("checkout-no-address", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-addr"}, {k: v for k, v in checkout_body().items() if k != "address"}, "address"),
    ("checkout-address-type", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-addr2"}, checkout_body(address="1 Main St"), "address"),
    ("checkout-empty-cart", "POST", "/api/checkout", {**J, "Idempotency-Key": "bad-empty"}, checkout_body(cart_id="empty-" + uuid.uuid4().hex[:8]), "empty"),
]


@pytest.fixture(scope="module")
def seeded(shop):
    """A cart with one line, to prove that no bad request changes it."""
    product = shop.products()[0]["id"]
    shop.add_to_cart(CART, product, 2)
    return shop.cart(CART)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_request_gets_a_4xx_naming_the_problem(shop, seeded, case):
    _, method, path, headers, body, word = case
    kwargs = {"headers": headers, "timeout": 10}
    if isinstance(body, str):
        kwargs["data"] = body.encode()
    elif body is not None:
        kwargs["json"] = body
    response = requests.request(method, shop.base_url + path, **kwargs)
    assert 400 <= response.status_code < 500, f"{response.status_code}: {response.text[:300]}"
    problem = response.json()
    assert word.lower() in str(problem).lower(), problem


def test_bad_requests_wrote_nothing(shop, seeded):
    """Runs after the table: the seeded cart is as it was and no order exists for it."""
    assert shop.cart(CART) == seeded
