"""Tokens the harness signs itself with a key of the key set: the probe `keys rotate` sends to
learn that the edge knows a new key, and the defective tokens the live tests send."""
from __future__ import annotations

import time

import jwt
import requests

from shop.contracts.accounts import ALGORITHM, AUDIENCE, ISSUER, PROFILE
from shop.contracts.signing import SigningKey

# No account has this id: a probe the edge lets through reaches accounts and gets a 404.
PROBE_SUBJECT = "0" * 32


def token(key: SigningKey, subject: str = PROBE_SUBJECT, lifetime_s: int = 60,
          **claims: object) -> str:
    """A token signed with `key` for `subject`, its claims overridable (to make defects)."""
    now = int(time.time())
    body = {"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "iat": now, "nbf": now,
            "exp": now + lifetime_s, **claims}
    return jwt.encode(body, key.private_key_pem, algorithm=ALGORITHM, headers={"kid": key.kid})


def edge_accepts(session: requests.Session, base_url: str, key: SigningKey) -> bool:
    """Whether the edge verifies a token of `key` (it reaches accounts: anything but a 401)."""
    response = session.get(base_url + PROFILE.path, timeout=5,
                           headers={"Authorization": f"Bearer {token(key)}"})
    return response.status_code != 401
