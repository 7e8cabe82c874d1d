"""Keyed fingerprints of whole requests: tell a retry from a reuse of an Idempotency-Key.

A fingerprint is an HMAC-SHA256 of the request as validated (every field, card number and code
included) in canonical JSON, keyed with a secret derived from the deployment's
ASTROSHOP_SECRET_KEY for one purpose: a retry matches, any change to any field does not, and
the stored digest cannot be turned back into a card even by someone holding the database.
"""
from __future__ import annotations

import hashlib
import hmac
import json

from pydantic import BaseModel


def derived_key(secret: str, purpose: bytes) -> bytes:
    """A key of its own for `purpose`, derived from the deployment secret (never the secret)."""
    return hmac.new(secret.encode(), purpose, hashlib.sha256).digest()


def fingerprint(body: BaseModel, key: bytes) -> str:
    """The HMAC-SHA256 (hex) of the whole validated request in canonical JSON."""
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def same(stored: str, digest: str) -> bool:
    """Whether two fingerprints are equal, compared in constant time."""
    return hmac.compare_digest(stored, digest)
