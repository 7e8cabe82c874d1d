"""The Envoy bootstrap config, rendered from the model for one site (never patched after)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from harness.envoy.clusters import ADMIN_HOST, clusters, socket_address
from harness.envoy.filters import (access_log, fault_defaults, local_reply_config,
                                   mesh_filters, public_filters, typed)
from harness.envoy.public import public_virtual_hosts
from harness.envoy.routes import mesh_virtual_hosts
from harness.envoy.stats import stats_manager
from harness.model.buckets import ENVOY_LATENCY_BUCKETS_MS
from harness.model.topology import ENVOY_STATS_PORT, LISTEN_ALL, Topology

MAX_DOWNSTREAM_CONNECTIONS = 20000
MAX_REQUEST_HEADERS_KB = 8


@dataclass(frozen=True)
class EnvoySite:
    """Where one Envoy runs: its node id, whether it has the public listener and where, and
    whether it serves the stats listener (Prometheus on another host or container)."""

    node: str = "astroshop-envoy"
    public: bool = True
    public_host: str = ""  # default: the topology's host
    stats: bool = False


def connection_manager(name: str, virtual_hosts: list[dict], filters: list[dict], *,
                       edge: bool) -> dict:
    """An HTTP connection manager; at the edge every request gets a fresh x-request-id."""
    config = {
        "stat_prefix": name, "codec_type": "AUTO", "server_name": "astroshop",
        "use_remote_address": edge, "generate_request_id": True,
        "preserve_external_request_id": not edge, "always_set_request_id_in_response": True,
        "request_id_extension": {"typed_config": typed(
            "envoy.extensions.request_id.uuid.v3.UuidRequestIdConfig", pack_trace_reason=False)},
        "normalize_path": True, "merge_slashes": True,
        # Below gunicorn's request-line limit, so an over-long URL gets Envoy's problem+json
        # 431 instead of gunicorn's HTML 400.
        "max_request_headers_kb": MAX_REQUEST_HEADERS_KB,
        "path_with_escaped_slashes_action": "REJECT_REQUEST" if edge else "KEEP_UNCHANGED",
        "access_log": access_log(name), "local_reply_config": local_reply_config(),
        "route_config": {"name": name, "virtual_hosts": virtual_hosts},
        "http_filters": filters,
    }
    if edge:  # no internal_address_config: since Envoy 1.33 no client is trusted as internal
        config["request_headers_timeout"] = "10s"
    return config


def listener(name: str, host: str, port: int, manager: dict) -> dict:
    """A listener whose only filter is the HTTP connection manager."""
    return {"name": name, "address": socket_address(host, port), "filter_chains": [{"filters": [{
        "name": "envoy.filters.network.http_connection_manager",
        "typed_config": typed("envoy.extensions.filters.network.http_connection_manager.v3."
                              "HttpConnectionManager", **manager)}]}]}


def listeners(topology: Topology, site: EnvoySite) -> list[dict]:
    """The public edge listener (where the site has it), the mesh, the stats listener."""
    found = [listener("mesh", topology.host, topology.mesh_port, connection_manager(
        "mesh", mesh_virtual_hosts(topology), mesh_filters(), edge=False))]
    if site.public:
        found.insert(0, listener(
            "public", site.public_host or topology.host, topology.public_port,
            connection_manager("public", public_virtual_hosts(topology), public_filters(),
                               edge=True)))
    if site.stats:
        found.append(listener("stats", LISTEN_ALL, ENVOY_STATS_PORT, stats_manager()))
    return found


def layered_runtime(topology: Topology) -> dict:
    """Static defaults (faults off), overridden live through the admin /runtime_modify."""
    defaults: dict[str, int] = {}
    for name in topology.names():
        defaults.update(fault_defaults(name))
    return {"layers": [{"name": "static", "static_layer": defaults},
                       {"name": "admin", "admin_layer": {}}]}


def overload_manager() -> dict:
    """A cap on downstream connections, so a flood cannot exhaust file descriptors."""
    return {"resource_monitors": [{
        "name": "envoy.resource_monitors.global_downstream_max_connections",
        "typed_config": typed("envoy.extensions.resource_monitors.downstream_connections.v3."
                              "DownstreamConnectionsConfig",
                              max_active_downstream_connections=MAX_DOWNSTREAM_CONNECTIONS)}]}


def render(topology: Topology, site: EnvoySite = EnvoySite()) -> dict:
    """The whole bootstrap of one site: admin on loopback, listeners, clusters, runtime."""
    return {
        "node": {"id": site.node, "cluster": "astroshop"},
        "admin": {"address": socket_address(ADMIN_HOST, topology.admin_port)},
        "static_resources": {"listeners": listeners(topology, site),
                             "clusters": clusters(topology, stats=site.stats)},
        "layered_runtime": layered_runtime(topology),
        "overload_manager": overload_manager(),
        "stats_config": {"use_all_default_tags": True, "histogram_bucket_settings": [
            {"match": {"suffix": "rq_time"}, "buckets": list(ENVOY_LATENCY_BUCKETS_MS)}]},
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
