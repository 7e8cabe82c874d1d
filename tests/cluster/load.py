"""A bounded shopper load against the cluster's edge: browse, fill a cart, sometimes check
out; every request counted. Used by the host-loss test (only the cluster's own addresses)."""
from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field

import requests

from harness.certs import trust
from harness.faults import steady
from harness.shopclient import TEST_ADDRESS, TEST_CARD


@dataclass
class Tally(steady.Tally):
    """The steady probe's tally of answers, with the orders placed under the load."""

    orders: list[str] = field(default_factory=list)


def call(session: requests.Session, tally: Tally, method: str, url: str, label: str,
         **kwargs) -> requests.Response | None:
    """One request, recorded; None when nothing answered."""
    try:
        response = session.request(method, url, timeout=10, **kwargs)
    except requests.RequestException:
        tally.add(0, label)
        return None
    tally.add(response.status_code, label)
    return response


def shopper(base: str, products: list[str], tally: Tally, deadline: float, number: int) -> None:
    """One shopper's loop until the deadline: browse, add to a cart, check out every 4th round."""
    session, rounds = trust.session(), 0
    while time.monotonic() < deadline:
        rounds += 1
        product = products[(number + rounds) % len(products)]
        cart = uuid.uuid4().hex
        call(session, tally, "GET", f"{base}/api/products", "products")
        call(session, tally, "GET", f"{base}/api/products/{product}", "product")
        call(session, tally, "POST", f"{base}/api/carts/{cart}/items", "add to cart",
             json={"product_id": product, "quantity": 1})
        call(session, tally, "GET", f"{base}/api/carts/{cart}", "cart")
        if rounds % 4 == 0:
            body = {"cart_id": cart, "currency": "EUR", "email": "loss@example.com",
                    "address": TEST_ADDRESS, "card": TEST_CARD}
            placed = call(session, tally, "POST", f"{base}/api/checkout", "checkout", json=body,
                          headers={"Idempotency-Key": uuid.uuid4().hex})
            if placed is not None and placed.status_code == 201:
                with tally.lock:
                    tally.orders.append(placed.json()["order_id"])
        time.sleep(0.05)


def run(base: str, seconds: float, shoppers: int = 4) -> tuple[Tally, list[threading.Thread]]:
    """Start `shoppers` threads for `seconds`; return the tally and the threads to join."""
    catalog = requests.get(f"{base}/api/products", timeout=10, verify=trust.verify())
    products = [p["id"] for p in catalog.json()["products"]]
    tally, deadline = Tally(), time.monotonic() + seconds
    threads = [threading.Thread(target=shopper, args=(base, products, tally, deadline, n),
                                daemon=True) for n in range(shoppers)]
    for thread in threads:
        thread.start()
    return tally, threads
