"""Once per Idempotency-Key: a keyed fingerprint of the whole request (shop/common/fingerprint.py),
and the claim on the key."""
from __future__ import annotations

import time

from flask import current_app

from shop.checkout.store import OrderStore
from shop.common.config import as_float
from shop.common import fingerprint as fingerprints
from shop.common.errors import Conflict
from shop.contracts.checkout import CheckoutIn, Order
from shop.contracts.headers import IDEMPOTENCY_HEADER

PURPOSE = b"astroshop checkout request fingerprint"


def fingerprint_key(secret: str) -> bytes:
    """Checkout's fingerprint key, derived from the deployment secret (never the secret itself)."""
    return fingerprints.derived_key(secret, PURPOSE)


def fingerprint(body: CheckoutIn, key: bytes) -> str:
    """The keyed fingerprint of a whole checkout request, to tell a retry from a reuse."""
    return fingerprints.fingerprint(body, key)


def claim_or_wait(store: OrderStore, key: str, digest: str) -> Order | None:
    """None once this request holds the key; else the order the first request placed."""
    deadline = time.monotonic() + as_float(current_app.config, "IDEMPOTENCY_WAIT_S")
    lease = as_float(current_app.config, "CLAIM_LEASE_S")
    while (held := store.claim(key, digest)) is not None:
        if not fingerprints.same(held.fingerprint, digest):
            raise Conflict(f"this {IDEMPOTENCY_HEADER} was used for a different checkout",
                           [{"field": IDEMPOTENCY_HEADER, "reason": "reused with another body"}])
        if held.order_id is not None:
            return store.order(held.order_id)
        if time.time() - held.claimed_at > lease and store.take_over(key, held):
            return None
        if time.monotonic() > deadline:
            raise Conflict("a checkout with this key is still in progress; retry shortly",
                           [{"field": IDEMPOTENCY_HEADER, "reason": "in progress"}],
                           headers={"Retry-After": "1"})
        time.sleep(0.05)
    return None
