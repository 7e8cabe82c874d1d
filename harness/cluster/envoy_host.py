"""One host's Envoy: the topology's bootstrap (harness/envoy.py), placed on that host.

Every Envoy knows every replica on every host (the clusters come from the placed topology).
The mesh listener and the admin stay on the host's loopback; only the edge host keeps the
public listener, bound to its address. Because the admin is loopback-only, Prometheus reads
Envoy's stats through a third listener on the host address that serves exactly
`GET /stats/prometheus` and `GET /ready` (proxied to the admin) and 404 for everything else.
"""
from __future__ import annotations

from harness import envoy
from harness.cluster.model import Host
from harness.cluster.placement import ENVOY_STATS_PORT
from harness.envoy_filters import typed
from harness.topology import Topology

STATS_PATH = "/stats/prometheus"
READY_PATH = "/ready"
ADMIN_CLUSTER = "envoy_admin"


def stats_listener(address: str, port: int) -> dict:
    """A listener that answers GET /stats/prometheus and /ready from the admin, else 404."""
    get = [{"name": ":method", "string_match": {"exact": "GET"}}]
    routes = [
        *({"match": {"path": path, "headers": get},
           "route": {"cluster": ADMIN_CLUSTER, "timeout": "5s"}} for path in (STATS_PATH, READY_PATH)),
        {"match": {"prefix": "/"}, "direct_response": {"status": 404}},
    ]
    manager = {"stat_prefix": "stats", "codec_type": "AUTO",
               "route_config": {"name": "stats", "virtual_hosts": [
                   {"name": "stats", "domains": ["*"], "routes": routes}]},
               "http_filters": [{"name": "envoy.filters.http.router", "typed_config": typed(
                   "envoy.extensions.filters.http.router.v3.Router")}]}
    return envoy.listener("stats", address, port, manager)


def admin_cluster(admin_port: int) -> dict:
    """The loopback admin as an upstream of the stats listener."""
    return {"name": ADMIN_CLUSTER, "type": "STATIC", "connect_timeout": "0.5s",
            "load_assignment": {"cluster_name": ADMIN_CLUSTER, "endpoints": [{"lb_endpoints": [
                {"endpoint": {"address": envoy.socket_address(envoy.ADMIN_HOST, admin_port)}}]}]}}


def bootstrap(topology: Topology, host: Host) -> dict:
    """The Envoy bootstrap of `host`: public listener on the edge only, stats on its address."""
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
    listeners.append(stats_listener(host.address, ENVOY_STATS_PORT))
    resources["listeners"] = listeners
    resources["clusters"] = [*resources["clusters"], admin_cluster(topology.admin_port)]
    return config
