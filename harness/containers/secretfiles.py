"""The compose project's secrets as files, never as environment: one file per secret in
<run>/compose/secrets/ (0600, owned by the containers' user where we may give it away), which
compose mounts at /run/secrets/<name> in the containers that declare it. A service reads it
through ASTROSHOP_<NAME>_FILE (shop/common/config.py), the stores' images through *_FILE too,
so neither compose.yaml, the env file nor `docker inspect` holds a secret."""
from __future__ import annotations

import os
from pathlib import Path

from harness.paths import private_dir, write_private

DIR_VARIABLE = "ASTROSHOP_COMPOSE_SECRETS"  # the folder of the files (a path, not a secret)
SESSION_KEY = "session-key"
REDIS_URL = "redis-url"
POSTGRES_PASSWORD = "postgres-password"
REDIS_PASSWORD = "redis-password"


def database_url(service: str) -> str:
    """The secret of one service's database URL (SQLite's path, or its PostgreSQL role's)."""
    return f"database-url-{service}"


def role_password(service: str) -> str:
    """The secret of one service's PostgreSQL role password (for the PostgreSQL container)."""
    return f"db-password-{service}"


def mounted(name: str) -> str:
    """Where compose mounts secret `name` inside a container."""
    return f"/run/secrets/{name}"


def source(name: str, unset: str) -> dict:
    """compose.yaml's top-level entry of secret `name`: its file in the project's folder."""
    return {"file": f"${{{DIR_VARIABLE}:?{unset}}}/{name}"}


def write(folder: Path, values: dict[str, str], uid: int) -> Path:
    """Write every secret to its own 0600 file in `folder` (0700), created private, owned by
    `uid` where we may give files away (root); the folder."""
    private_dir(folder)
    for name, value in values.items():
        path = write_private(folder / name, value + "\n")
        if os.geteuid() == 0:
            os.chown(path, uid, uid)
    return folder
