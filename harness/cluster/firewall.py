"""Each host's packet filter (the `firewall` role, iptables inside the host's own namespace):
who may open a replica's port. Leaving a host (OUTPUT), only Envoy's user, Prometheus's, and
root towards the host's own replicas (its health checks) may; arriving (INPUT), only traffic
from the host itself or from the cluster's Envoy and Prometheus hosts (whose own OUTPUT rules
admit nobody else) is accepted. The root namespace on the bridge, anything else, is refused."""
from __future__ import annotations

from harness.cluster import monitoring, placement, users
from harness.cluster.model import Cluster, Host
from harness.model.topology import Topology

SCRAPER = monitoring.USER  # Prometheus, which scrapes every replica's /metrics directly


def peers(cluster: Cluster) -> list[str]:
    """The addresses a replica may be called from: hosts with an Envoy or with Prometheus."""
    return [host.address for host in cluster.hosts
            if placement.runs_envoy(host) or host.has(monitoring.MONITORING_ROLE)]


def callers(cluster: Cluster, host: Host) -> list[str]:
    """The users that may open a replica's port from `host`: Envoy's where it runs, and
    Prometheus's on the monitoring host (the exporters elsewhere run as that user too)."""
    return (([users.envoy(cluster.settings)] if placement.runs_envoy(host) else [])
            + ([SCRAPER] if host.has(monitoring.MONITORING_ROLE) else []))


def host_vars(cluster: Cluster, topology: Topology, host: Host) -> dict:
    """The `firewall` role's variables of `host`."""
    return {"firewall_bridge_subnet": cluster.settings.subnet,
            "firewall_replica_ports": placement.replica_ports(topology),
            "firewall_callers": callers(cluster, host),
            "firewall_peers": peers(cluster)}
