"""One host's Envoy: the topology's bootstrap (harness/envoy/), placed on that host.

Every Envoy knows every replica on every host (the clusters come from the placed topology).
The mesh listener and the admin stay on the host's loopback; only the edge host keeps the
public listener, bound to its address. Because the admin is loopback-only, Prometheus reads
Envoy's stats through the same stats listener the containers use (harness/containers):
port 9902 serves only `/stats/prometheus` and `/ready`, proxied to the admin, 404 otherwise.
"""
from __future__ import annotations

from harness.envoy import bootstrap as envoy
from harness.cluster.model import Host
from harness.containers.envoy_config import EXPOSED_ADMIN_PATHS, admin_cluster, stats_listener
from harness.topology import Topology

STATS_PATH, READY_PATH = EXPOSED_ADMIN_PATHS


def bootstrap(topology: Topology, host: Host) -> dict:
    """The Envoy bootstrap of `host`: public listener on the edge only, plus the stats listener."""
    config = envoy.render(topology)
    config["node"] = {**config["node"], "id": f"astroshop-envoy-{host.name}"}
    resources = config["static_resources"]
    listeners = []
    for listener in resources["listeners"]:
        if listener["name"] == "public":
            if not host.has("edge"):
                continue
            listener["address"] = envoy.socket_address(host.address, topology.public_port)
        listeners.append(listener)
    resources["listeners"] = [*listeners, stats_listener()]
    resources["clusters"] = [*resources["clusters"], admin_cluster(topology)]
    return config
