"""The Envoy bootstrap config, rendered from the model for one site (never patched after)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from harness.envoy.callers import caller_listeners
from harness.envoy.clusters import admin_address, clusters
from harness.envoy.filters import fault_defaults, mesh_filters, typed
from harness.envoy.listeners import connection_manager, listener, public_listeners
from harness.envoy.routes import mesh_virtual_hosts
from harness.envoy.stats import stats_manager
from harness.envoy.tls import TlsFiles
from harness.model.buckets import ENVOY_LATENCY_BUCKETS_MS
from harness.model.topology import LISTEN_ALL, Topology

MAX_DOWNSTREAM_CONNECTIONS = 20000


@dataclass(frozen=True)
class EnvoySite:
    """Where one Envoy runs: its node id, whether it has the public listeners and where, its
    certificate files (none: plain HTTP only) and whether plain HTTP only redirects to HTTPS,
    whether it serves the stats listener (for Prometheus) and on which address, the Unix
    socket of its admin (none: loopback TCP, for a site whose tools need TCP), and whether it
    keeps the harness's unrestricted mesh listener (the local stack's QA evidence)."""

    node: str = "astroshop-envoy"
    public: bool = True
    public_host: str = ""  # default: the topology's host
    stats: bool = False
    stats_host: str = LISTEN_ALL
    tls: TlsFiles | None = None
    tls_only: bool = False
    admin_socket: str = ""
    operator_mesh: bool = False


def listeners(topology: Topology, site: EnvoySite) -> list[dict]:
    """The public edge listeners (where the site has them), the harness's mesh listener (where
    the site keeps it), one mesh listener per caller, the stats listener."""
    found = caller_listeners(topology)
    if site.operator_mesh:
        found.insert(0, listener("mesh", topology.host, topology.mesh_port, connection_manager(
            "mesh", mesh_virtual_hosts(topology), mesh_filters(), edge=False)))
    if site.public:
        found[:0] = public_listeners(topology, site.public_host or topology.host, site.tls,
                                     site.tls_only)
    if site.stats:
        found.append(listener("stats", site.stats_host, topology.stats_port, stats_manager()))
    return found


def layered_runtime(topology: Topology) -> dict:
    """Static defaults (faults off), overridden live through the admin /runtime_modify."""
    defaults: dict[str, int] = {}
    for name in topology.names():
        defaults.update(fault_defaults(name))
    return {"layers": [{"name": "static", "static_layer": defaults},
                       {"name": "admin", "admin_layer": {}}]}


# tcmalloc keeps freed pages mapped (about 20 MB after start-up, more after a burst); hand
# them back to the kernel a little at a time, so Envoy's resident memory follows its use.
MEMORY_RELEASE = {"bytes_to_release": 4 * 2**20, "memory_release_interval": "1s"}
# Histograms Envoy keeps for every cluster or listener that no rule, dashboard, objective or
# check of this project reads: a third of the lines of /stats/prometheus (2,266 of 6,511 on a
# default stack) and of Prometheus' series. Envoy never creates them, so neither Envoy nor
# Prometheus holds them (tests/unit/harness/test_envoy_stats_excluded.py keeps the list honest).
UNUSED_HISTOGRAMS = ("upstream_cx_connect_ms", "upstream_cx_length_ms", "upstream_rq_per_cx",
                     "downstream_cx_length_ms", "connections_accepted_per_socket_event")


def stats_config() -> dict:
    """Envoy's tags, the latency buckets of the request-time histograms, and the unused
    histograms left out."""
    return {"use_all_default_tags": True,
            "stats_matcher": {"exclusion_list": {"patterns": [
                {"suffix": f".{name}"} for name in UNUSED_HISTOGRAMS]}},
            "histogram_bucket_settings": [
                {"match": {"suffix": "rq_time"}, "buckets": list(ENVOY_LATENCY_BUCKETS_MS)}]}


def overload_manager() -> dict:
    """A cap on downstream connections, so a flood cannot exhaust file descriptors."""
    return {"resource_monitors": [{
        "name": "envoy.resource_monitors.global_downstream_max_connections",
        "typed_config": typed("envoy.extensions.resource_monitors.downstream_connections.v3."
                              "DownstreamConnectionsConfig",
                              max_active_downstream_connections=MAX_DOWNSTREAM_CONNECTIONS)}]}


def render(topology: Topology, site: EnvoySite = EnvoySite()) -> dict:
    """The whole bootstrap of one site: admin (a 0600 socket, or loopback), listeners,
    clusters, runtime."""
    return {
        "node": {"id": site.node, "cluster": "astroshop"},
        "admin": {"address": admin_address(topology, site.admin_socket)},
        "static_resources": {"listeners": listeners(topology, site),
                             "clusters": clusters(topology, site.stats, site.admin_socket)},
        "layered_runtime": layered_runtime(topology),
        "overload_manager": overload_manager(),
        "memory_allocator_manager": MEMORY_RELEASE,
        "stats_config": stats_config(),
        # Histograms reach /stats/prometheus at each flush: every second, so latency SLIs
        # over the short (seconds) windows of live fault tests see fresh buckets.
        "stats_flush_interval": "1s",
    }


def write(topology: Topology, path: Path, site: EnvoySite = EnvoySite()) -> Path:
    """Render the site's bootstrap to `path` as YAML; return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(render(topology, site), sort_keys=False))
    return path
