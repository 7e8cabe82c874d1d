"""Envoy's bootstrap for containers: harness/envoy/'s rendering plus a stats listener.

The admin interface stays on loopback (it can change the runtime, so inject faults); the stats
listener exposes only `/stats/prometheus` (for Prometheus) and `/ready` (for health checks).
"""
from __future__ import annotations

from harness.envoy import bootstrap as envoy
from harness.containers.topology import ENVOY_STATS_PORT, LISTEN_ALL
from harness.envoy.filters import typed
from harness.envoy.routes import direct
from harness.topology import Topology

ADMIN_CLUSTER = "envoy-admin"
EXPOSED_ADMIN_PATHS = ("/stats/prometheus", "/ready")


def admin_cluster(topology: Topology) -> dict:
    """A cluster for Envoy's own admin interface on loopback."""
    return {"name": ADMIN_CLUSTER, "type": "STATIC", "connect_timeout": "0.25s",
            "load_assignment": {"cluster_name": ADMIN_CLUSTER, "endpoints": [{"lb_endpoints": [
                {"endpoint": {"address": envoy.socket_address(envoy.ADMIN_HOST,
                                                              topology.admin_port)}}]}]}}


def stats_listener() -> dict:
    """A listener on every address that forwards only the exposed admin paths."""
    routes = [{"name": path, "match": {"path": path}, "route": {"cluster": ADMIN_CLUSTER}}
              for path in EXPOSED_ADMIN_PATHS]
    routes.append(direct("not-exposed", {"prefix": "/"}, 404, "only "
                         f"{', '.join(EXPOSED_ADMIN_PATHS)} are served here"))
    manager = {"stat_prefix": "stats", "codec_type": "AUTO",
               "route_config": {"name": "stats", "virtual_hosts": [
                   {"name": "stats", "domains": ["*"], "routes": routes}]},
               "http_filters": [{"name": "envoy.filters.http.router", "typed_config": typed(
                   "envoy.extensions.filters.http.router.v3.Router")}]}
    return envoy.listener("stats", LISTEN_ALL, ENVOY_STATS_PORT, manager)


def render(topology: Topology) -> dict:
    """The whole bootstrap for a container topology (see harness.containers.topology)."""
    config = envoy.render(topology)
    resources = config["static_resources"]
    resources["listeners"] = [*resources["listeners"], stats_listener()]
    resources["clusters"] = [*resources["clusters"], admin_cluster(topology)]
    return config
