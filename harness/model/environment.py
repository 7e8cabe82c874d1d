"""The ASTROSHOP_* environment of one replica, the same for every target that runs it.

Secrets (SECRET_VARIABLES) can be handed over as files instead: `by_reference` swaps each for
ASTROSHOP_<NAME>_FILE, the path of a file only the service may read (shop/common/config.py
reads it), so no supervisor config or process listing holds a secret.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping

from harness.model.services import Service
from harness.model.stores import POSTGRES, REDIS, store
from harness.model.topology import Topology

SECRET_VARIABLES = ("ASTROSHOP_SECRET_KEY", "ASTROSHOP_DATABASE_URL", "ASTROSHOP_REDIS_URL")
FILE_SUFFIX = "_FILE"


def service_environment(topology: Topology, service: Service, replica: int, *,
                        database_url: str, redis_url: str = "", secret_key: str = "",
                        flags_file: str = "", signing_keys: str = "") -> dict[str, str]:
    """Every ASTROSHOP_* variable one replica needs; shared by every deployment renderer."""
    env = {
        "ASTROSHOP_SERVICE": service.name,
        "ASTROSHOP_REPLICA": str(replica),
        "ASTROSHOP_MESH_URL": topology.mesh_url(service.name),
        "ASTROSHOP_CLIENT_TIMEOUT_S": f"{service.timeout_ms / 1000:.1f}",
        "ASTROSHOP_MEMORY_BUDGET_MB": str(service.memory_mb),
    }
    urls = {POSTGRES.name: database_url, REDIS.name: redis_url}
    for name in service.stores:
        if urls[name]:
            env[store(name).variable] = urls[name]
    if service.uses_secret_key:
        env["ASTROSHOP_SECRET_KEY"] = secret_key
    if service.signing_keys:
        env["ASTROSHOP_SIGNING_KEYS"] = signing_keys
    if flags_file:
        env["ASTROSHOP_FLAGS_FILE"] = flags_file
    return env


def secrets_of(env: Mapping[str, str]) -> dict[str, str]:
    """The secret variables of `env` with their values."""
    return {key: value for key, value in env.items() if key in SECRET_VARIABLES}


def by_reference(env: Mapping[str, str], path_of: Callable[[str], str]) -> dict[str, str]:
    """`env` with every secret variable replaced by <NAME>_FILE = path_of(NAME)."""
    return {(key + FILE_SUFFIX if key in SECRET_VARIABLES else key):
            (path_of(key) if key in SECRET_VARIABLES else value) for key, value in env.items()}
