"""A bounded shopper load against the cluster's edge: browse, fill a cart, sometimes check
out; every request counted, every plain write audited afterwards for duplicates. Used by the
host-loss test (only the cluster's own addresses)."""
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
    """The steady probe's tally of answers, with the orders placed under the load, every cart
    written once and kept (cart id -> whether its one `add to cart` was acknowledged), and the
    writes that failed."""

    orders: list[str] = field(default_factory=list)
    carts: dict[str, bool] = field(default_factory=dict)
    failed_writes: int = 0


@dataclass(frozen=True)
class WriteAudit:
    """Every kept cart read back after the load: lines stored more than once (duplicated),
    acknowledged writes not stored (lost), and the writes that failed, exactly."""

    writes: int
    failed: int
    duplicated: int
    lost: int

    def summary(self) -> str:
        """`812 plain writes: 3 failed, 0 duplicated, 0 acknowledged but lost`."""
        return (f"{self.writes} plain writes: {self.failed} failed, {self.duplicated} "
                f"duplicated, {self.lost} acknowledged but lost")


def audit(base: str, tally: Tally) -> WriteAudit:
    """Read back every cart that was written once and never checked out."""
    session, duplicated, lost = trust.session(), 0, 0
    for cart, acknowledged in tally.carts.items():
        items = session.get(f"{base}/api/carts/{cart}", timeout=10).json()["items"]
        stored = sum(item["quantity"] for item in items)
        duplicated += stored > 1
        lost += acknowledged and stored == 0
    return WriteAudit(len(tally.carts), tally.failed_writes, duplicated, lost)


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
        added = call(session, tally, "POST", f"{base}/api/carts/{cart}/items", "add to cart",
                     json={"product_id": product, "quantity": 1})
        acknowledged = added is not None and added.ok
        with tally.lock:
            tally.failed_writes += not acknowledged
        call(session, tally, "GET", f"{base}/api/carts/{cart}", "cart")
        if rounds % 4 != 0:
            with tally.lock:
                tally.carts[cart] = acknowledged
        else:
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
