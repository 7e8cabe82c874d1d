"""Once per Idempotency-Key: a keyed fingerprint of the whole request, and the claim on the key.

The fingerprint is an HMAC-SHA256 of the request as validated (card number and code included),
keyed with a secret derived from the deployment's ASTROSHOP_SECRET_KEY: a retry matches, any
change to any field does not, and the stored digest cannot be turned back into a card even by
someone holding the database.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import time

from flask import current_app

from shop.checkout.store import OrderStore
from shop.common.config import as_float
from shop.common.errors import Conflict
from shop.contracts.checkout import CheckoutIn, Order
from shop.contracts.headers import IDEMPOTENCY_HEADER

PURPOSE = b"astroshop checkout request fingerprint"


def fingerprint_key(secret: str) -> bytes:
    """The fingerprints' own key, derived from the deployment secret (never the secret itself)."""
    return hmac.new(secret.encode(), PURPOSE, hashlib.sha256).digest()


def fingerprint(body: CheckoutIn, key: bytes) -> str:
    """The HMAC-SHA256 of the whole request in canonical JSON, to tell a retry from a reuse."""
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def claim_or_wait(store: OrderStore, key: str, digest: str) -> Order | None:
    """None once this request holds the key; else the order the first request placed."""
    deadline = time.monotonic() + as_float(current_app.config, "IDEMPOTENCY_WAIT_S")
    lease = as_float(current_app.config, "CLAIM_LEASE_S")
    while (held := store.claim(key, digest)) is not None:
        if not hmac.compare_digest(held.fingerprint, digest):
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
