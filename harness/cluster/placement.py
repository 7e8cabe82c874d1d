"""The shop on the cluster: which replica runs on which host, from the topology model.

The edge host runs the frontend (and Envoy's public listener); every app host runs one
replica of every other service, so losing one app host leaves a replica of each; the data
host runs PostgreSQL, Redis and Prometheus. Ports are the topology's own: each host is a
network namespace, so nothing collides with stacks in the root namespace.
"""
from __future__ import annotations

from dataclasses import dataclass

from harness.cluster.model import Cluster, Host
from harness.topology import Endpoint, Topology

EDGE_SERVICES = ("frontend",)
POSTGRES_PORT = 5432
REDIS_PORT = 6379
DATABASE = "astroshop"
DATABASE_USER = "astroshop"


def topology(cluster: Cluster, base: Topology | None = None) -> Topology:
    """The topology with every replica placed on a host address (mesh on each host's loopback)."""
    base = base or Topology()
    edge = tuple(host.address for host in cluster.with_role("edge"))
    app = tuple(host.address for host in cluster.with_role("app"))
    return base.placed({service.name: edge if service.name in EDGE_SERVICES else app
                        for service in base.services})


def replicas_on(topology: Topology, host: Host) -> list[Endpoint]:
    """Every replica the placement puts on `host`."""
    return [endpoint for name in topology.names() for endpoint in topology.endpoints(name)
            if endpoint.host == host.address]


def runs_envoy(host: Host) -> bool:
    """Hosts with services run an Envoy (their services call the mesh on loopback)."""
    return host.has("edge") or host.has("app")


@dataclass(frozen=True)
class Stores:
    """Where the data host's stores listen, and the secrets to reach them."""

    address: str
    database_password: str
    redis_password: str

    def database_url(self) -> str:
        """PostgreSQL on the data host, as the services' ASTROSHOP_DATABASE_URL."""
        return (f"postgresql://{DATABASE_USER}:{self.database_password}@{self.address}:"
                f"{POSTGRES_PORT}/{DATABASE}")

    def redis_url(self) -> str:
        """Redis on the data host, for the cart."""
        return f"redis://:{self.redis_password}@{self.address}:{REDIS_PORT}/0"


def edge_url(cluster: Cluster, topology: Topology) -> str:
    """The cluster's entry point: Envoy's public listener on the edge host."""
    return f"http://{cluster.one('edge').address}:{topology.public_port}"


def prometheus_url(cluster: Cluster, topology: Topology) -> str:
    """Prometheus on the data host, reachable from the root namespace."""
    return f"http://{cluster.one('data').address}:{topology.prometheus_port}"
