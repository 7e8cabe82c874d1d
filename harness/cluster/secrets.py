"""The cluster's generated secrets: the frontend's session key and the stores' passwords."""
from __future__ import annotations

import json
import secrets as random_secrets
from pathlib import Path

NAMES = ("frontend_secret_key", "database_password", "redis_password")


def load_or_create(path: Path) -> dict[str, str]:
    """The secrets in `path` (mode 0600), generated on first use and reused afterwards."""
    if path.exists():
        values = json.loads(path.read_text())
        if set(values) >= set(NAMES):
            return values
    values = {name: random_secrets.token_hex(24) for name in NAMES}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.chmod(0o600)
    path.write_text(json.dumps(values, indent=2))
    return values
