"""The ASTROSHOP_* environment of one replica, the same for every target that runs it."""
from __future__ import annotations

from harness.model.services import Service
from harness.model.stores import POSTGRES, REDIS, store
from harness.model.topology import Topology


def service_environment(topology: Topology, service: Service, replica: int, *,
                        database_url: str, redis_url: str = "", secret_key: str = "",
                        flags_file: str = "", signing_keys: str = "") -> dict[str, str]:
    """Every ASTROSHOP_* variable one replica needs; shared by every deployment renderer."""
    env = {
        "ASTROSHOP_SERVICE": service.name,
        "ASTROSHOP_REPLICA": str(replica),
        "ASTROSHOP_MESH_URL": topology.mesh_url(),
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
