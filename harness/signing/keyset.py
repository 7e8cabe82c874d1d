"""The key set file of a deployment: EC P-256 keys made with `cryptography`, written 0600 in a
0700 directory through a rename (a reader never sees half a file), and the steps of a rotation.

A rotation is two writes: `add_next` publishes a new key without signing with it (the edge
fetches the JWKS and learns it), then `promote` makes it sign and keeps the old one published
until the last token it signed has expired (`retire_at`); `prune` drops it after that.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from harness.certs.files import private_dir, write_private
from shop.contracts.accounts import ACCESS_TTL_S
from shop.contracts.signing import KeySet, SigningKey, State

CLOCK_SKEW_S = 60  # Envoy's default tolerance on `exp`: a token lives that much longer


def _b64(data: bytes) -> str:
    """base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def key_id(key: ec.EllipticCurvePrivateKey) -> str:
    """The RFC 7638 thumbprint of the public key: a stable id that names nothing else."""
    numbers = key.public_key().public_numbers()
    jwk = {"crv": "P-256", "kty": "EC", "x": _b64(numbers.x.to_bytes(32, "big")),
           "y": _b64(numbers.y.to_bytes(32, "big"))}
    canonical = json.dumps(jwk, sort_keys=True, separators=(",", ":")).encode()
    return _b64(hashlib.sha256(canonical).digest())


def new_key(state: State, now: float) -> SigningKey:
    """A fresh P-256 key in the given state."""
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    return SigningKey(kid=key_id(key), private_key_pem=pem, created_at=now, state=state)


def load(path: Path) -> KeySet | None:
    """The key set in `path`, or None when there is none yet."""
    return KeySet.model_validate_json(path.read_text()) if path.is_file() else None


def write(path: Path, keyset: KeySet) -> Path:
    """Write the key set (0600, directory 0700) in one rename."""
    private_dir(path.parent)
    return write_private(path, keyset.model_dump_json(indent=2).encode())


def prune(keyset: KeySet, now: float) -> KeySet:
    """The key set without retired keys whose tokens have all expired."""
    return KeySet(keys=tuple(key for key in keyset.keys if key.published(now)))


def ensure(path: Path, now: float | None = None) -> KeySet:
    """The deployment's key set: the one in `path` (pruned), else a new one of one key."""
    now = time.time() if now is None else now
    found = load(path)
    keyset = prune(found, now) if found else KeySet(keys=(new_key("active", now),))
    if keyset != found:
        write(path, keyset)
    return keyset


def add_next(keyset: KeySet, now: float) -> tuple[KeySet, SigningKey]:
    """Step 1: a new key, published but not signing (an earlier unpromoted one is replaced)."""
    fresh = new_key("next", now)
    kept = tuple(key for key in prune(keyset, now).keys if key.state != "next")
    return KeySet(keys=(*kept, fresh)), fresh


def promote(keyset: KeySet, kid: str, now: float) -> KeySet:
    """Step 2: key `kid` signs from now on; the old active key retires once its tokens expire."""
    retire_at = now + ACCESS_TTL_S + CLOCK_SKEW_S
    keys = []
    for key in keyset.keys:
        if key.kid == kid:
            keys.append(replace_state(key, "active"))
        elif key.state == "active":
            keys.append(replace_state(key, "retiring", retire_at))
        else:
            keys.append(key)
    return KeySet(keys=tuple(keys))


def replace_state(key: SigningKey, state: State, retire_at: float | None = None) -> SigningKey:
    """A copy of `key` in another state."""
    return key.model_copy(update={"state": state, "retire_at": retire_at})


def copy_for(source: Path, target: Path, uid: int) -> Path:
    """A 0400 copy of the key set for a process of another user (a container's uid 10001);
    owned by that user where we may give files away (root), else by us."""
    ensure(source)
    private_dir(target.parent)
    write_private(target, source.read_bytes())
    target.chmod(0o400)
    if os.geteuid() == 0:
        os.chown(target, uid, uid)
    return target
