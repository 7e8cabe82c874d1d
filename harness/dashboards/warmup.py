"""A short, bounded burst of shop traffic that gives every dashboard panel something to show:
pages, API reads, purchases, one declined card (a failed order), repeated recommendations
(cache hits) and a member signing in (the accounts service and the signin-success objective).
Only ever sent to the stack's own public listener."""
from __future__ import annotations

import time
import uuid

import requests

from harness.shopclient import TEST_ADDRESS, ShopClient, ShopError, scripted_purchase

DECLINED_CARD = {"number": "4000 0000 0000 0002", "exp_month": 12, "exp_year": 2030,
                 "cvv": "123"}
MEMBER_PASSWORD = "warm-up under a dark sky"
LIMITED = 429  # the edge's per-client limit on sign-up and sign-in: an answer, not a failure


def browse(client: ShopClient, product_ids: list[str]) -> int:
    """Storefront pages and public API reads; the number of requests made."""
    session, base = client.session, client.base_url
    pages = ["/", "/cart", *(f"/product/{pid}" for pid in product_ids[:2])]
    for path in pages:
        session.get(base + path, timeout=client.timeout).raise_for_status()
    ids = ",".join(product_ids[:2])
    client.call("GET", "/api/categories")
    client.call("GET", "/api/currencies")
    client.call("GET", f"/api/recommendations?product_ids={ids}")
    client.call("GET", "/api/ads?categories=telescopes")
    client.call("POST", "/api/shipping/quote", json={
        "address": TEST_ADDRESS, "items": [{"product_id": product_ids[0], "quantity": 1}],
        "currency": "EUR"})
    return len(pages) + 5


def member(client: ShopClient) -> str:
    """A new account's address (empty when the edge's sign-up limit answered 429)."""
    email = f"warmup-{uuid.uuid4().hex[:16]}@example.com"
    client.call("POST", "/api/account/signup", expect=(201, LIMITED),
                json={"email": email, "password": MEMBER_PASSWORD})
    return email


def sign_in(client: ShopClient, email: str) -> int:
    """The member signs in and reads its order history; the number of requests made."""
    tokens = client.call("POST", "/api/account/signin", expect=(200, 401, LIMITED),
                         json={"email": email, "password": MEMBER_PASSWORD})
    if "access_token" not in tokens:
        return 1
    client.call("GET", "/api/account/orders",
                headers={"Authorization": f"Bearer {tokens['access_token']}"})
    return 2


def declined_checkout(client: ShopClient, product_id: str) -> None:
    """A checkout whose card the issuer declines: a failed order with a reason."""
    cart_id = uuid.uuid4().hex
    client.add_to_cart(cart_id, product_id)
    try:
        order = client.checkout(cart_id, card=DECLINED_CARD)
    except ShopError as exc:
        if exc.status != 402:
            raise
        return
    raise RuntimeError(f"the issuer-declined test card was charged (order {order['order_id']})")


def drive(base_url: str, seconds: float = 10.0, purchases_every: int = 3) -> dict:
    """Browse for `seconds`, buying and signing in every few rounds and declining one card;
    the counts."""
    client = ShopClient(base_url)
    product_ids, email = [p["id"] for p in client.products()], member(client)
    deadline = time.monotonic() + seconds
    counts = {"rounds": 0, "requests": 2, "orders": 0, "declined": 0, "sign-ins": 0}
    while time.monotonic() < deadline or counts["orders"] == 0:
        counts["requests"] += browse(client, product_ids)
        if counts["rounds"] % purchases_every == 0:
            scripted_purchase(client)
            counts["orders"] += 1
            counts["requests"] += sign_in(client, email)
            counts["sign-ins"] += 1
        counts["rounds"] += 1
    declined_checkout(client, product_ids[0])
    counts["declined"] += 1
    return counts


def drive_or_explain(base_url: str, seconds: float) -> dict:
    """drive(), turning an unreachable or failing shop into one readable RuntimeError."""
    try:
        return drive(base_url, seconds)
    except (requests.RequestException, ShopError) as exc:
        raise RuntimeError(f"warm-up traffic against {base_url} failed: {exc}") from exc
