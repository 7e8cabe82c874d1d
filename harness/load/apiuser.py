"""API shoppers: clients of the JSON API (a mobile app, a partner), straight to /api/.

Task weights (16 steps on average):

| task            | weight | requests                                                      |
|-----------------|-------:|---------------------------------------------------------------|
| list products   |      3 | GET /api/products (one time in three ?category=)              |
| product         |      3 | GET /api/products/<id>                                        |
| reference data  |      1 | GET /api/categories, GET /api/currencies                      |
| recommendations |      1 | GET /api/recommendations?product_ids=...                      |
| ads             |      1 | GET /api/ads?categories=...                                   |
| view cart       |      1 | GET /api/carts/<own cart>                                     |
| add to cart     |      2 | POST /api/carts/<own cart>/items                              |
| checkout        |      4 | the cart topped up to 1-4 products, POST /api/checkout with a |
|                 |        | fresh Idempotency-Key (one card in a hundred is declined:     |
|                 |        | 402; one order in four ships abroad), GET /api/orders/<id>    |

Every second one is a member (harness/load/members.py): signed up at the start, it signs in
before each checkout, pays with its access token, reads its order history (GET
/api/account/orders) and signs out.

The checkout share is high on purpose: these clients are where the checkout objective's
events come from (the storefront's checkout form is a storefront request at the edge).
"""
from __future__ import annotations

import random
import uuid

from locust import task

from harness.load.members import Membership
from harness.load.naming import request_name
from harness.load.testdata import DATA, MAX_LINES
from harness.load.trusted import TrustedHttpUser
from harness.shopclient import TEST_ADDRESS, TEST_CARD

DECLINED_CARD = {**TEST_CARD, "number": "4000 0000 0000 0002"}
DECLINE_SHARE = 0.01  # within checkout-conversion's budget (slo/business.yaml)
ABROAD_SHARE = 0.25  # orders shipped outside the US (shippingInternationalSlow slows them)
ABROAD = {"street": "Invalidenstrasse 43", "city": "Berlin", "zip": "10115", "country": "DE"}


class ApiShopper(TrustedHttpUser):
    """A JSON API client with its own cart id."""

    weight = 2

    def on_start(self) -> None:
        """A cart of its own and a currency to pay in."""
        self.cart_id, self.lines = uuid.uuid4().hex, set()
        self.currency = DATA.currency()
        self.member = Membership(self.call)

    def call(self, method: str, path: str, template: str, expect=(200,), **kwargs):
        """One request; a failure in Locust unless the status is expected; the response."""
        with self.client.request(method, path, name=request_name(method, template),
                                 catch_response=True, **kwargs) as response:
            if response.status_code in expect:
                response.success()
            else:
                response.failure(f"{method} {template} answered {response.status_code}")
            return response

    @task(3)
    def list_products(self) -> None:
        """The catalog, sometimes one category of it."""
        if random.random() < 1 / 3 and DATA.categories(1):
            self.call("GET", f"/api/products?category={DATA.categories(1)[0]}",
                      "/api/products?category=[id]")
        else:
            self.call("GET", "/api/products", "/api/products")

    @task(3)
    def product(self) -> None:
        """One product."""
        self.call("GET", f"/api/products/{DATA.product()['id']}", "/api/products/[id]")

    @task(1)
    def reference_data(self) -> None:
        """Categories and currencies, as an app does at start-up."""
        self.call("GET", "/api/categories", "/api/categories")
        self.call("GET", "/api/currencies", "/api/currencies")

    @task(1)
    def recommendations(self) -> None:
        """Products related to two products."""
        ids = ",".join(DATA.product_ids(2))
        self.call("GET", f"/api/recommendations?product_ids={ids}", "/api/recommendations")

    @task(1)
    def ads(self) -> None:
        """Ads for a product's categories."""
        self.call("GET", f"/api/ads?categories={','.join(DATA.categories())}", "/api/ads")

    @task(1)
    def view_cart(self) -> None:
        """This client's cart."""
        self.call("GET", f"/api/carts/{self.cart_id}", "/api/carts/[id]")

    @task(2)
    def add_to_cart(self) -> None:
        """One to three units of a product, unless the cart already has four lines."""
        if len(self.lines) < MAX_LINES:
            self.add(DATA.product()["id"])

    def add(self, product_id: str) -> None:
        """Add a product to this client's cart."""
        response = self.call("POST", f"/api/carts/{self.cart_id}/items",
                             "/api/carts/[id]/items",
                             expect=(200, 201),
                             json={"product_id": product_id, "quantity": random.randint(1, 3)})
        if response.status_code in (200, 201):
            self.lines.add(product_id)

    @task(4)
    def checkout(self) -> None:
        """Top the cart up to 1-4 products, place the order once, read it back."""
        DATA.top_up(self.lines, self.add)
        self.member.sign_in()
        declined = random.random() < DECLINE_SHARE
        body = {"cart_id": self.cart_id, "currency": self.currency,
                "email": "api-client@example.com",
                "address": ABROAD if random.random() < ABROAD_SHARE else TEST_ADDRESS,
                "card": DECLINED_CARD if declined else TEST_CARD}
        response = self.place(body, (402,) if declined else (201,), uuid.uuid4().hex)
        if response.status_code != 402:  # a decline keeps the cart; any other answer may not
            self.lines.clear()
        if response.status_code == 201:
            order_id = response.json()["order_id"]
            self.call("GET", f"/api/orders/{order_id}", "/api/orders/[id]")
        self.member.end_visit()

    def place(self, body: dict, expect: tuple[int, ...], key: str):
        """POST the order (a member's with its token, renewed once if the edge finds it expired)."""
        renewable = (401,) if self.member.signed_in else ()
        response = self.call("POST", "/api/checkout", "/api/checkout", expect=expect + renewable,
                             json=body, headers={"Idempotency-Key": key, **self.member.headers()})
        if response.status_code == 401 and renewable:
            self.member.renew()
            response = self.call("POST", "/api/checkout", "/api/checkout", expect=expect,
                                 json=body, headers={"Idempotency-Key": key,
                                                     **self.member.headers()})
        return response
