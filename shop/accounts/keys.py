"""The signing keys: the key set the harness wrote (ASTROSHOP_SIGNING_KEYS), re-read whenever the
file changes, so a rotation reaches a running service without a restart; and the JWKS made
from it, which the edge fetches to verify tokens."""
from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from jwt.algorithms import ECAlgorithm
from pydantic import ValidationError

from shop.common.config import ConfigError
from shop.contracts.accounts import ALGORITHM
from shop.contracts.signing import KeySet

RECHECK_S = 1.0  # how often the file's modification time is looked at


@dataclass(frozen=True)
class Loaded:
    """A key set as read, with its private keys parsed, and the file's mtime then."""

    keyset: KeySet
    private: dict[str, EllipticCurvePrivateKey]
    mtime_ns: int


def read(path: Path) -> Loaded:
    """Parse the key set file; ConfigError saying what is wrong with it."""
    try:
        mtime = path.stat().st_mtime_ns
        keyset = KeySet.model_validate(json.loads(path.read_text()))
        private = {key.kid: load_pem_private_key(key.private_key_pem.encode(), None)
                   for key in keyset.keys}
    except FileNotFoundError as exc:
        raise ConfigError(f"ASTROSHOP_SIGNING_KEYS: no key set at {path}; the harness makes "
                          "one (`astroshop up`, `astroshop keys show`)") from exc
    except (OSError, ValueError, ValidationError) as exc:
        raise ConfigError(f"ASTROSHOP_SIGNING_KEYS: {path} is not a usable key set: "
                          f"{exc}") from exc
    if not all(isinstance(key, EllipticCurvePrivateKey) for key in private.values()):
        raise ConfigError(f"ASTROSHOP_SIGNING_KEYS: {path} holds a key that is not EC P-256")
    return Loaded(keyset, private, mtime)


def public_jwk(kid: str, key: EllipticCurvePrivateKey) -> dict:
    """The public half of a key as a JWK, with its key id, algorithm and use."""
    jwk = ECAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {**jwk, "kid": kid, "alg": ALGORITHM, "use": "sig"}


class KeyRing:
    """The current key set of one file; thread-safe, re-read when the file changes."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._loaded = read(self.path)
        self._checked = time.monotonic()
        self._problem: ConfigError | None = None
        self._lock = threading.Lock()

    def current(self) -> Loaded:
        """The key set, re-read if the file changed since it was last looked at; a file that
        became unusable keeps the last good keys in service (and readiness reports it)."""
        with self._lock:
            if time.monotonic() - self._checked >= RECHECK_S:
                self._checked = time.monotonic()
                try:
                    if self.path.stat().st_mtime_ns != self._loaded.mtime_ns:
                        self._loaded, self._problem = read(self.path), None
                except (OSError, ConfigError) as exc:
                    self._problem = ConfigError(str(exc))
            return self._loaded

    def signing_key(self) -> tuple[str, EllipticCurvePrivateKey]:
        """The active key's id and private key."""
        loaded = self.current()
        kid = loaded.keyset.active().kid
        return kid, loaded.private[kid]

    def jwks(self, now: float | None = None) -> dict:
        """The published keys as a JWKS: next, active, and retiring ones still in use."""
        loaded, now = self.current(), time.time() if now is None else now
        return {"keys": [public_jwk(key.kid, loaded.private[key.kid])
                         for key in loaded.keyset.published(now)]}

    def check(self) -> None:
        """Readiness: the file is still there and usable (raises ConfigError otherwise)."""
        self.current()
        if self._problem is not None:
            raise self._problem
