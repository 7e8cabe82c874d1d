"""The `local` overlay's secrets: generated on first use into k8s/overlays/local/secrets.env
(0600, ignored by git) and read by kustomize's secretGenerator, so no password is committed.
Production takes the same keys from a Secret the operator creates."""
from __future__ import annotations

import secrets
from pathlib import Path

from harness.model.stores import POSTGRES, REDIS

SECRETS_FILE = "secrets.env"
KEYS = ("database-url", "redis-url", "secret-key", "postgres-password", "redis-password")


def generated() -> dict[str, str]:
    """A fresh set of every key the workloads read from the Secret."""
    postgres, redis = secrets.token_hex(24), secrets.token_hex(24)
    return {"database-url": POSTGRES.url(POSTGRES.name, postgres),
            "redis-url": REDIS.url(REDIS.name, redis), "secret-key": secrets.token_hex(32),
            "postgres-password": postgres, "redis-password": redis}


def ensure_local_secrets(root: Path) -> Path:
    """The local overlay's secrets file under `root` (k8s/), written once with new values."""
    path = root / "overlays" / "local" / SECRETS_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text("".join(f"{key}={value}\n" for key, value in generated().items()))
    return path
