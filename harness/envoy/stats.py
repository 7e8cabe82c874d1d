"""Envoy's stats listener, where Prometheus does not share Envoy's host (containers, cluster).

The admin interface stays on loopback (it can change the runtime, so inject faults); the stats
listener exposes only `/stats/prometheus` (for Prometheus) and `/ready` (for health checks).
"""
from __future__ import annotations

from harness.envoy.clusters import ADMIN_CLUSTER
from harness.envoy.filters import typed
from harness.envoy.routes import direct

STATS_PATH = "/stats/prometheus"
READY_PATH = "/ready"
EXPOSED_ADMIN_PATHS = (STATS_PATH, READY_PATH)


def stats_manager() -> dict:
    """The stats listener's connection manager: the exposed admin paths, 404 for the rest."""
    routes = [{"name": path, "match": {"path": path}, "route": {"cluster": ADMIN_CLUSTER}}
              for path in EXPOSED_ADMIN_PATHS]
    routes.append(direct("not-exposed", {"prefix": "/"}, 404, "only "
                         f"{', '.join(EXPOSED_ADMIN_PATHS)} are served here"))
    return {"stat_prefix": "stats", "codec_type": "AUTO",
            "route_config": {"name": "stats", "virtual_hosts": [
                {"name": "stats", "domains": ["*"], "routes": routes}]},
            "http_filters": [{"name": "envoy.filters.http.router", "typed_config": typed(
                "envoy.extensions.filters.http.router.v3.Router")}]}
