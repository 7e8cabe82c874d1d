"""Read internal endpoints (charges, outbox) through Envoy's mesh listener, as services do."""
from __future__ import annotations

import requests

from harness.model.topology import Topology


def mesh_get(topology: Topology, service: str, path: str, **params) -> dict:
    """GET an internal endpoint of `service` through the mesh listener."""
    response = requests.get(topology.mesh_url() + path, params=params,
                            headers={"Host": service}, timeout=5)
    response.raise_for_status()
    return response.json()
