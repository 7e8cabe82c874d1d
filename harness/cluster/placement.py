"""The shop on the cluster: which replica runs on which host, by the model's placement rule
(harness/model/hosts.py), and where the data host's stores are.

Ports are the topology's own: each host is a network namespace, so nothing collides with
stacks in the root namespace.
"""
from __future__ import annotations

from dataclasses import dataclass

from harness.cluster.model import Cluster, Host
from harness.model import hosts
from harness.model.stores import POSTGRES, REDIS, role, role_password
from harness.model.topology import Endpoint, Topology


def topology(cluster: Cluster, base: Topology | None = None) -> Topology:
    """The topology with every replica placed on a host address (mesh on each host's loopback),
    and room for one canary per service (`astroshop cluster release`) on its first host."""
    base = base or Topology()
    by_role = {role: tuple(host.address for host in cluster.with_role(role))
               for role in hosts.SERVICE_ROLES}
    return base.placed(hosts.placement(base.services, by_role)).with_canaries(1)


def replica_ports(topology: Topology) -> str:
    """Every replica's and canary's port on any host, as one range (iptables' `first:last`)."""
    ports = [e.port for name in topology.names()
             for e in (*topology.endpoints(name), *topology.canary_endpoints(name))]
    return f"{min(ports)}:{max(ports)}"


def replicas_on(topology: Topology, host: Host) -> list[Endpoint]:
    """Every replica the placement puts on `host`."""
    return [endpoint for name in topology.names() for endpoint in topology.endpoints(name)
            if endpoint.host == host.address]


def runs_envoy(host: Host) -> bool:
    """Hosts with services run an Envoy (their services call the mesh on loopback)."""
    return hosts.runs_envoy(host.roles)


@dataclass(frozen=True)
class Stores:
    """Where the data host's stores listen, and the secrets to reach them."""

    address: str
    database_password: str
    redis_password: str

    def database_url(self, service: str) -> str:
        """PostgreSQL on the data host as `service`'s own role, its ASTROSHOP_DATABASE_URL."""
        return POSTGRES.url(self.address, role_password(self.database_password, service),
                            role(service))

    def owner_url(self) -> str:
        """PostgreSQL as its owner, who logs in from the data host itself only (its exporter)."""
        return POSTGRES.url("127.0.0.1", self.database_password)

    def redis_url(self) -> str:
        """Redis on the data host, for the cart."""
        return REDIS.url(self.address, self.redis_password)


def edge_url(cluster: Cluster, topology: Topology) -> str:
    """The cluster's entry point: Envoy's HTTPS listener on the edge host."""
    return f"https://{cluster.one('edge').address}:{topology.https_port}"


def prometheus_url(cluster: Cluster, topology: Topology) -> str:
    """Prometheus on the data host, reachable from the root namespace."""
    return f"http://{cluster.one('data').address}:{topology.prometheus_port}"
