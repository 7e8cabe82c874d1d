"""A shopper using the public API: their own cart, and every answer they got."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests

from harness.bdd.seen import failure
from harness.shopclient import TEST_ADDRESS, ShopClient

NO_BODY = object()
NEW_KEY = "new"  # checkout() makes a fresh Idempotency-Key, as the storefront does per form


@dataclass
class ApiShopper:
    """Talks to the shop through its public URL only, as any API client would."""

    client: ShopClient
    cart_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    email: str = field(default_factory=lambda: f"shopper-{uuid.uuid4().hex[:12]}@example.com")
    answers: list[requests.Response] = field(default_factory=list)
    orders: list[dict] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    chosen: dict[str, dict] = field(default_factory=dict)
    last_checkout: tuple[dict, dict] | None = None
    token: str | None = None  # an access token once signed in: sent as Authorization: Bearer
    refresh: str | None = None  # the refresh token of the latest sign-in or renewal

    @classmethod
    def new(cls, shop: ShopClient) -> ApiShopper:
        """A shopper with a connection (and cookies) of their own to the same shop."""
        return cls(ShopClient(shop.base_url, shop.timeout))

    @property
    def last(self) -> requests.Response:
        """The latest answer."""
        if not self.answers:
            raise AssertionError("the shopper has not asked the shop anything yet")
        return self.answers[-1]

    def send(self, method: str, path: str, body: Any = NO_BODY, **kwargs) -> requests.Response:
        """One request to the public URL; the answer is kept, whatever its status."""
        if body is not NO_BODY:
            kwargs["json"] = body
        if self.token:
            kwargs["headers"] = {"Authorization": f"Bearer {self.token}",
                                 **(kwargs.get("headers") or {})}
        response = self.client.session.request(method, self.client.base_url + path,
                                               timeout=self.client.timeout, **kwargs)
        self.answers.append(response)
        return response

    def expect(self, response: requests.Response, statuses: tuple[int, ...],
               what: str) -> Any:
        """The answer's JSON when its status is one of `statuses`; else what went wrong."""
        if response.status_code not in statuses:
            raise failure(response, what)
        return response.json() if response.content else {}

    def choose(self, category: str) -> dict:
        """The first product of a category, remembered under the category's name."""
        if category not in self.chosen:
            found = self.expect(self.send("GET", "/api/products", params={"category": category}),
                                (200,), f'to browse the "{category}" category')["products"]
            if not found:
                raise AssertionError(f'the shop has no products in "{category}" to choose from')
            self.chosen[category] = found[0]
        return self.chosen[category]

    def put(self, quantity: int, category: str) -> dict:
        """Put units of a category's first product in the cart; it must be accepted."""
        product = self.choose(category)
        return self.expect(self.add(product["id"], quantity), (201,),
                           f'{quantity} × "{product["name"]}" to go into the cart')

    def add(self, product_id: Any, quantity: Any) -> requests.Response:
        """Put units of a product in the cart (any JSON value as the quantity)."""
        return self.send("POST", f"/api/carts/{self.cart_id}/items",
                         {"product_id": product_id, "quantity": quantity})

    def set_quantity(self, product_id: str, quantity: Any) -> requests.Response:
        """Change a line's quantity."""
        return self.send("PUT", f"/api/carts/{self.cart_id}/items/{product_id}",
                         {"quantity": quantity})

    def remove(self, product_id: str) -> requests.Response:
        """Take a line out of the cart."""
        return self.send("DELETE", f"/api/carts/{self.cart_id}/items/{product_id}")

    def empty(self) -> requests.Response:
        """Empty the cart."""
        return self.send("DELETE", f"/api/carts/{self.cart_id}")

    def lines(self) -> dict[str, int]:
        """The cart as {product id: quantity}; the cart must be readable."""
        cart = self.expect(self.send("GET", f"/api/carts/{self.cart_id}"), (200,),
                           "to see their cart")
        return {line["product_id"]: line["quantity"] for line in cart["items"]}

    def checkout_request(self, card: dict, currency: str = "USD", key: str | None = NEW_KEY,
                         **changes: Any) -> tuple[dict, dict]:
        """The body and headers of a checkout of this cart (no retry key when `key` is None)."""
        body = {"cart_id": self.cart_id, "currency": currency, "email": self.email,
                "address": dict(TEST_ADDRESS), "card": card, **changes}
        headers = {}
        if key is not None:
            headers["Idempotency-Key"] = uuid.uuid4().hex if key == NEW_KEY else key
            self.keys.append(headers["Idempotency-Key"])
        self.last_checkout = (body, headers)
        return body, headers

    def checkout(self, card: dict, currency: str = "USD", key: str | None = NEW_KEY,
                 **changes: Any) -> requests.Response:
        """Place an order for the cart."""
        return self.send_checkout(*self.checkout_request(card, currency, key, **changes))

    def send_checkout(self, body: dict, headers: dict) -> requests.Response:
        """POST one checkout and keep the order it placed."""
        response = self.send("POST", "/api/checkout", body, headers=headers)
        if response.status_code == 201:
            self.orders.append(response.json())
        return response

    def resend(self, times: int = 1) -> list[requests.Response]:
        """The last checkout sent again, `times` requests at once, with the same retry key."""
        if self.last_checkout is None:
            raise AssertionError("the shopper has not checked out yet, so cannot retry")
        body, headers = self.last_checkout
        with ThreadPoolExecutor(times) as pool:
            return list(pool.map(lambda _: self.send_checkout(body, headers), range(times)))

    def order(self) -> dict:
        """The order placed last; there must be one."""
        if not self.orders:
            raise failure(self.last, "an order to have been placed")
        return self.orders[-1]
