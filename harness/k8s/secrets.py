"""The `local` overlay's secrets: generated on first use into k8s/overlays/local/secrets.env
(0600, ignored by git) and read by kustomize's secretGenerator, so no password is committed.
Production takes the same keys from a Secret the operator creates."""
from __future__ import annotations

import secrets
from pathlib import Path

from harness import databases
from harness.model.stores import POSTGRES, REDIS
from harness.model.topology import Topology

SECRETS_FILE = "secrets.env"
SQL_SERVICES = databases.sql_services(Topology())
# database-url-<service>: its own role's URL; database-password-<service>: that role's password
KEYS = ("redis-url", "secret-key", "postgres-password", "redis-password",
        *(f"database-{kind}-{name}" for name in SQL_SERVICES for kind in ("url", "password")))


def password_key(service: str) -> str:
    """The Secret's key of one service's role password (PostgreSQL's pod sets the role)."""
    return f"database-password-{service}"


def generated() -> dict[str, str]:
    """A fresh set of every key the workloads read from the Secret."""
    postgres, redis = secrets.token_hex(24), secrets.token_hex(24)
    roles = databases.derived_passwords(SQL_SERVICES, postgres)
    urls = databases.derived_urls(SQL_SERVICES, postgres, POSTGRES.name)
    return {"redis-url": REDIS.url(REDIS.name, redis), "secret-key": secrets.token_hex(32),
            "postgres-password": postgres, "redis-password": redis,
            **{f"database-url-{s}": urls[s] for s in SQL_SERVICES},
            **{password_key(s): roles[databases.password_variable(s)] for s in SQL_SERVICES}}


def ensure_local_secrets(root: Path) -> Path:
    """The local overlay's secrets file under `root` (k8s/), written once with new values (again
    when an older one lacks a key, e.g. a service's database role)."""
    path = root / "overlays" / "local" / SECRETS_FILE
    known = {line.split("=", 1)[0] for line in path.read_text().splitlines()} if path.exists() \
        else set()
    if not set(KEYS) <= known:
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text("".join(f"{key}={value}\n" for key, value in generated().items()))
    return path
