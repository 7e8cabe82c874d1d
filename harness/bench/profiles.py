"""The shop's three profiled paths under a bounded load: product page, product list, checkout.

`profile_shop()` samples the gunicorn worker that does each path's work (frontend, catalog,
checkout) with harness.bench.profiling while wrk, or a small pool of scripted purchases, loads it
for the same seconds. Traffic goes to 127.0.0.1 only, and every loop ends at its deadline.
"""
from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from harness.bench.wrk import wrk
from harness.model.topology import Topology
from harness.bench.profiling import Profile, profile, worker_pid
from harness.shopclient import TEST_ADDRESS, TEST_CARD, ShopClient, ShopError

CONNECTIONS = 16
BUYERS = 4  # threads placing orders at once during the checkout profile


def wrk_load(url: str, connections: int = CONNECTIONS) -> Callable[[int], dict]:
    """A load that runs wrk against `url` and reports its throughput and latency."""
    return lambda seconds: wrk(url, url, seconds, connections).as_dict()


def _buy_until(edge: str, checkout: str, deadline: float, product_ids: list[str]) -> tuple:
    """One buyer: fill a fresh cart through the edge, order it straight at checkout; repeat."""
    client = ShopClient(edge)
    placed = failed = 0
    while time.monotonic() < deadline:
        cart_id = uuid.uuid4().hex
        body = {"cart_id": cart_id, "currency": "EUR", "email": "profile@example.com",
                "address": TEST_ADDRESS, "card": TEST_CARD}
        try:
            for product_id in product_ids:
                client.add_to_cart(cart_id, product_id)
            response = client.session.post(f"{checkout}/api/checkout", json=body, timeout=10,
                                           headers={"Idempotency-Key": uuid.uuid4().hex})
            placed += response.status_code == 201
            failed += response.status_code != 201
        except (ShopError, requests.RequestException):
            failed += 1
    return placed, failed


def purchase_load(edge: str, checkout: str, buyers: int = BUYERS) -> Callable[[int], dict]:
    """A load of whole purchases: `buyers` threads, each ordering a two-product cart in turn.

    The order goes straight to the checkout service, past the edge's rate limit on checkout.
    """

    def run(seconds: int) -> dict:
        product_ids = [p["id"] for p in ShopClient(edge).products()[:2]]
        deadline = time.monotonic() + seconds
        with ThreadPoolExecutor(buyers) as pool:
            results = list(pool.map(lambda _: _buy_until(edge, checkout, deadline, product_ids),
                                    range(buyers)))
        placed, failed = (sum(column) for column in zip(*results, strict=True))
        return {"orders": placed, "errors": failed, "orders_per_s": round(placed / seconds, 1)}

    return run


def profile_shop(topology: Topology, master_pids: dict[str, int], out_dir: Path,
                 seconds: int = 10, gil: bool = True) -> list[Profile]:
    """Profile the product page (frontend), the product list (catalog) and checkout.

    `master_pids` maps each service to its gunicorn master's pid (`Stack.status()` rows).
    """
    edge = topology.public_url()
    direct = {name: f"http://{topology.host}:{topology.service(name).port}"
              for name in ("frontend", "catalog", "checkout")}
    product_id = ShopClient(edge).products()[0]["id"]
    plan = [("product page", "frontend", wrk_load(f"{edge}/product/{product_id}")),
            ("product list", "catalog", wrk_load(f"{direct['catalog']}/api/products")),
            ("checkout", "checkout", purchase_load(edge, direct["checkout"]))]
    return [profile(name, worker_pid(master_pids[service]), seconds, out_dir, load, gil=gil)
            for name, service, load in plan]


def top_table(result: Profile, limit: int = 10) -> str:
    """The top frames of one profile as a Markdown table (self and inclusive share)."""
    lines = [f"#### {result.name} ({result.samples} samples)", "",
             "| function | self | total |", "|---|---:|---:|"]
    lines += [f"| `{frame.function}` | {frame.self_share:.1%} | {frame.total_share:.1%} |"
              for frame in result.top[:limit]]
    return "\n".join(lines)
