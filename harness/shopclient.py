"""A small client of the shop's public API, shared by the demo, tests, BDD steps and bench."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import requests

from harness.certs import trust

TEST_CARD = {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2030, "cvv": "123"}
TEST_ADDRESS = {"street": "1 Observatory Way", "city": "Flagstaff", "state": "AZ",
                "zip": "86001", "country": "US"}


class ShopError(RuntimeError):
    """The shop answered with an error the caller did not expect."""

    def __init__(self, response: requests.Response):
        self.status = response.status_code
        try:
            self.body = response.json()
        except ValueError:
            self.body = {"detail": response.text[:300]}
        super().__init__(f"{response.request.method} {response.url} -> {self.status}: "
                         f"{self.body.get('detail', self.body)}")


@dataclass
class ShopClient:
    """Calls the public API at `base_url` (Envoy's public listener)."""

    base_url: str = "https://127.0.0.1:8443"
    timeout: float = 10.0
    session: requests.Session = field(default_factory=trust.session)  # trusts the project CA

    def call(self, method: str, path: str, expect: int | tuple[int, ...] = (200, 201),
             **kwargs) -> dict:
        """Make one request; raise ShopError unless the status is expected."""
        response = self.session.request(method, self.base_url + path, timeout=self.timeout,
                                        **kwargs)
        if response.status_code not in ((expect,) if isinstance(expect, int) else expect):
            raise ShopError(response)
        return response.json() if response.content else {}

    def products(self, **params) -> list[dict]:
        """The catalog, optionally filtered by category= or q=."""
        return self.call("GET", "/api/products", params=params)["products"]

    def add_to_cart(self, cart_id: str, product_id: str, quantity: int = 1) -> dict:
        """Add units of a product to a cart."""
        return self.call("POST", f"/api/carts/{cart_id}/items",
                         json={"product_id": product_id, "quantity": quantity})

    def cart(self, cart_id: str) -> dict:
        """A cart's lines."""
        return self.call("GET", f"/api/carts/{cart_id}")

    def checkout(self, cart_id: str, currency: str = "USD", email: str = "shopper@example.com",
                 card: dict | None = None, address: dict | None = None,
                 idempotency_key: str | None = None) -> dict:
        """Place an order for a cart; returns the Order."""
        body = {"cart_id": cart_id, "currency": currency, "email": email,
                "address": address or TEST_ADDRESS, "card": card or TEST_CARD}
        key = idempotency_key or uuid.uuid4().hex
        return self.call("POST", "/api/checkout", expect=201, json=body,
                         headers={"Idempotency-Key": key})

    def order(self, order_id: str) -> dict:
        """An order by id."""
        return self.call("GET", f"/api/orders/{order_id}")


def scripted_purchase(client: ShopClient, currency: str = "EUR") -> dict:
    """Browse, fill a fresh cart with two products and check out; return the order."""
    products = client.products()
    cart_id = uuid.uuid4().hex
    for product, quantity in zip(products[:2], (1, 2)):
        client.add_to_cart(cart_id, product["id"], quantity)
    return client.checkout(cart_id, currency=currency)
