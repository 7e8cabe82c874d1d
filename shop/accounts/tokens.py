"""Access tokens (JWTs, ES256, through PyJWT) and opaque refresh tokens.

An access token names the account (`sub`), who issued it for whom (`iss`, `aud`), when
(`iat`, `nbf`, `exp`: 15 minutes) and carries the signing key's id in its header (`kid`), so
the edge picks the key from the JWKS. `verify` checks a token as the edge does; the service
itself never needs to (Envoy does it), the harness and the tests do.
"""
from __future__ import annotations

import hashlib
import secrets
import time
import uuid

import jwt

from shop.accounts.keys import KeyRing
from shop.contracts.accounts import ACCESS_TTL_S, ALGORITHM, AUDIENCE, ISSUER

REFRESH_BYTES = 32  # 256 random bits: 43 characters once base64url-encoded


def issue_access(ring: KeyRing, account_id: str, now: float | None = None,
                 ttl_s: int = ACCESS_TTL_S) -> str:
    """A signed access token for `account_id`, valid for `ttl_s` seconds from `now`."""
    now = int(time.time() if now is None else now)
    kid, key = ring.signing_key()
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": account_id, "iat": now, "nbf": now,
              "exp": now + ttl_s, "jti": uuid.uuid4().hex}
    return jwt.encode(claims, key, algorithm=ALGORITHM, headers={"kid": kid})


def verify(token: str, jwks: dict) -> dict:
    """The claims of a token signed by a key of `jwks`, for our issuer and audience, within its
    lifetime; jwt.InvalidTokenError (or a subclass naming the defect) otherwise."""
    header = jwt.get_unverified_header(token)
    if header.get("alg") != ALGORITHM:
        raise jwt.InvalidAlgorithmError(f"the token is signed with {header.get('alg')!r}, "
                                        f"not {ALGORITHM}")
    keys = {jwk.get("kid"): jwk for jwk in jwks.get("keys", [])}
    if header.get("kid") not in keys:
        raise jwt.InvalidSignatureError(f"no published key has the id {header.get('kid')!r}")
    key = jwt.PyJWK(keys[header["kid"]])
    options = {"require": ["exp", "iat", "nbf", "sub", "iss", "aud"]}
    return jwt.decode(token, key, algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER,
                      options=options)


def new_refresh() -> str:
    """A fresh opaque refresh token (only its hash is stored)."""
    return secrets.token_urlsafe(REFRESH_BYTES)


def refresh_digest(token: str) -> str:
    """What the store keeps of a refresh token: its SHA-256 (the token has 256 random bits,
    so a fast hash is enough; nobody can guess one from its digest)."""
    return hashlib.sha256(token.encode()).hexdigest()
