"""The topology as containers see it: each service by its DNS name, Envoy's mesh by name.

Docker Compose and Kubernetes both give every service a DNS name equal to its name (a compose
service, a headless Kubernetes Service), so one rendering serves both: the same Envoy and
Prometheus sites too.
"""
from __future__ import annotations

from dataclasses import replace

from harness.envoy import EnvoySite
from harness.model.stores import store
from harness.model.topology import ENVOY_STATS_PORT, LISTEN_ALL, Topology
from harness.prometheus_config import ScrapeSite
from harness.slo.rules import RULES_FILE

ENVOY_HOST = "envoy"  # the compose service and Kubernetes Service of Envoy's mesh listener
ENVOY_STATS_HOST = "envoy-stats"  # every Envoy replica, for Prometheus (a compose alias)
PROMETHEUS_DIR = "/etc/prometheus"
ENVOY_ADMIN_SOCKET = "/tmp/envoy-admin.sock"  # on the container's own tmpfs, mode 0600
ENVOY_SITE = EnvoySite(stats=True, admin_socket=ENVOY_ADMIN_SOCKET)
SCRAPE_SITE = ScrapeSite(rule_files=f"{PROMETHEUS_DIR}/{RULES_FILE}", own_host="localhost",
                         dns=True, envoy=(f"{ENVOY_STATS_HOST}:{ENVOY_STATS_PORT}",))


def container_topology(base: Topology | None = None) -> Topology:
    """`base` (default ports, no offset) with every service reached by its DNS name."""
    base = base or Topology()
    placement = {name: (name,) for name in base.names()}
    return replace(base.placed(placement), host=LISTEN_ALL, mesh_host=ENVOY_HOST)


def store_services(topology: Topology, name: str) -> list[str]:
    """Services that use the store called `name` (postgres or redis)."""
    store(name)
    return [svc.name for svc in topology.services if svc.uses(name)]


def callers(topology: Topology) -> list[str]:
    """Services that call others (and so need their own mesh listener of Envoy's)."""
    return [svc.name for svc in topology.services if svc.calls]


def mesh_port_name(port: int) -> str:
    """A port name (15 characters at most) for one caller's mesh listener."""
    return f"mesh-{port}"
