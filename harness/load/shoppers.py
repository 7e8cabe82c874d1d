"""Shoppers: storefront visits in HTML, as a person with a browser makes them.

Task weights (out of 70): home page 12 (GET /, a category filter one time in three);
product page 20; recommendations 6 and ads 6 (GET /api/recommendations and /api/ads, as
the page's widgets do); view cart 8; add to cart 10 (POST /cart/add, then the cart);
change currency 3 (POST /currency, then the home page); checkout 5 (the cart topped up to
1-4 products, GET /checkout, POST /checkout with the form's idempotency key, then the
order page). Each shopper has its own session cookie, hence its own cart, and CSRF token.
While the homepageFlood fault flag is on, each home-page task sends a burst of extra GET /.
"""
from __future__ import annotations

import random
import re
from urllib.parse import urlencode

from locust import task

from harness.load import flood
from harness.load.naming import request_name
from harness.load.testdata import DATA, MAX_LINES
from harness.load.trusted import TrustedHttpUser
from harness.shopclient import TEST_ADDRESS, TEST_CARD

CSRF = re.compile(r'name="csrf_token"[^>]*?value="([^"]+)"')
IDEMPOTENCY_KEY = re.compile(r'name="idempotency_key"[^>]*?value="([^"]+)"')
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Shopper(TrustedHttpUser):
    """A person browsing the storefront, filling a cart and checking out."""

    weight = 3
    concurrency = flood.IN_FLIGHT  # the connection pool: a flood burst goes out at once
    max_redirects = 0  # each redirect is followed by hand, so Locust counts every request

    def on_start(self) -> None:
        """Open the home page: a session, a cart and a CSRF token."""
        self.csrf, self.lines, self.seen = "", set(), "/"
        self.page("/", "/")

    def page(self, path: str, template: str) -> str:
        """GET a page, expect 200 and remember its CSRF token; the body, or "" on failure."""
        with self.client.get(path, name=request_name("GET", template), catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{path} answered {r.status_code}")
                return ""
            found = CSRF.search(r.text or "")
            self.csrf = found.group(1) if found else self.csrf
            self.seen = path
            return r.text

    def submit(self, path: str, fields: dict) -> str:
        """POST a form as a browser does (from the page it is on: over HTTPS the storefront
        checks that the Referer is its own); the 303's Location, or "" on failure."""
        body = urlencode({"csrf_token": self.csrf, **fields})
        headers = {**FORM, "Referer": f"{self.host.rstrip('/')}{self.seen}"}
        with self.client.post(path, data=body, headers=headers, name=request_name("POST", path),
                              catch_response=True) as r:
            if r.status_code != 303:
                r.failure(f"POST {path} answered {r.status_code}, not 303")
                return ""
            return r.headers.get("location", "")

    @task(12)
    def home(self) -> None:
        """The product grid, sometimes filtered by a category."""
        if random.random() < 1 / 3 and DATA.categories(1):
            self.page(f"/?category={DATA.categories(1)[0]}", "/?category=[id]")
        else:
            self.page("/", "/")
        flood.flood_home_page(self.client, request_name("GET", "/ (flood)"))

    @task(20)
    def product(self) -> None:
        """A product page."""
        self.page(f"/product/{DATA.product()['id']}", "/product/[id]")

    @task(6)
    def recommendations(self) -> None:
        """Products related to the ones looked at."""
        ids = ",".join(DATA.product_ids(2))
        self.client.get(f"/api/recommendations?product_ids={ids}",
                        name=request_name("GET", "/api/recommendations"))

    @task(6)
    def ads(self) -> None:
        """An ad for the categories on screen."""
        self.client.get(f"/api/ads?categories={','.join(DATA.categories())}",
                        name=request_name("GET", "/api/ads"))

    @task(8)
    def view_cart(self) -> None:
        """The cart page, with its shipping estimate."""
        self.page("/cart", "/cart")

    @task(10)
    def add_to_cart(self) -> None:
        """Add one to three units of a product, unless the cart already has four lines."""
        if len(self.lines) < MAX_LINES:
            self.add(DATA.product()["id"])

    def add(self, product_id: str) -> None:
        """Post the add-to-cart form, then see the cart."""
        if self.submit("/cart/add", {"product_id": product_id,
                                     "quantity": random.randint(1, 3)}):
            self.lines.add(product_id)
            self.page("/cart", "/cart")

    @task(3)
    def change_currency(self) -> None:
        """Switch to another currency and land back on the home page."""
        if self.submit("/currency", {"currency": DATA.currency(), "next": "/"}):
            self.page("/", "/")

    @task(5)
    def checkout(self) -> None:
        """Top the cart up to 1-4 products, fill in the checkout form and see the order."""
        DATA.top_up(self.lines, self.add)
        form = self.page("/checkout", "/checkout")
        key = IDEMPOTENCY_KEY.search(form)
        if not key:
            return
        card = TEST_CARD
        fields = {**TEST_ADDRESS, "email": "shopper@example.com", "card_number": card["number"],
                  "exp_month": card["exp_month"], "exp_year": card["exp_year"],
                  "cvv": card["cvv"], "idempotency_key": key.group(1)}
        location = self.submit("/checkout", fields)
        self.lines.clear()  # placed, or unknown: a checkout that timed out may have emptied it
        if location:
            self.page(location, "/order/[id]")
