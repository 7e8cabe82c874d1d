"""A concrete deployment of the registry: replica counts, hosts, ports and addresses."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from harness.model.services import SERVICES, Service

ENVOY_PUBLIC_PORT = 8080  # plain HTTP: the developer listener (a redirect when TLS-only)
ENVOY_HTTPS_PORT = 8443
ENVOY_MESH_PORT = 10000
ENVOY_ADMIN_PORT = 9901
PROMETHEUS_PORT = 9090
ALERTMANAGER_PORT = 9093
ALERT_RECEIVER_PORT = 9096
BLACKBOX_PORT = 9115
POSTGRES_EXPORTER_PORT = 9187
REDIS_EXPORTER_PORT = 9121
NODE_EXPORTER_PORT = 9100
LOCUST_WEB_PORT = 8089
# Envoy's stats listener, where Prometheus reads Envoy (the admin is a Unix socket, or on
# loopback): it serves only /stats/prometheus and /ready, proxied to the admin.
ENVOY_STATS_PORT = 9902
LISTEN_ALL = "0.0.0.0"


@dataclass(frozen=True)
class AlertTiming:
    """How Alertmanager batches notifications: group wait, group interval, repeat (seconds)."""

    group_wait_s: int = 30
    group_interval_s: int = 300
    repeat_interval_s: int = 4 * 3600


FAST_ALERTS = AlertTiming(1, 5, 3600)  # the local stack: a notification within seconds


@dataclass(frozen=True)
class Endpoint:
    """Where one replica of a service listens."""

    service: str
    replica: int
    host: str
    port: int

    @property
    def name(self) -> str:
        """The replica's process name, e.g. `catalog-1`."""
        return replica_name(self.service, self.replica)

    @property
    def address(self) -> str:
        """`host:port`."""
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Topology:
    """A concrete deployment: the services with their replica counts and addresses."""

    services: tuple[Service, ...] = SERVICES
    host: str = "127.0.0.1"
    public_port: int = ENVOY_PUBLIC_PORT
    https_port: int = ENVOY_HTTPS_PORT
    mesh_port: int = ENVOY_MESH_PORT
    admin_port: int = ENVOY_ADMIN_PORT
    stats_port: int = ENVOY_STATS_PORT
    prometheus_port: int = PROMETHEUS_PORT
    alertmanager_port: int = ALERTMANAGER_PORT
    alert_receiver_port: int = ALERT_RECEIVER_PORT
    blackbox_port: int = BLACKBOX_PORT
    postgres_exporter_port: int = POSTGRES_EXPORTER_PORT
    redis_exporter_port: int = REDIS_EXPORTER_PORT
    node_exporter_port: int = NODE_EXPORTER_PORT
    alert_timing: AlertTiming = AlertTiming()
    scrape_interval_s: int = 5
    checkout_rate_per_s: int = 50
    checkout_burst: int = 100
    # Sign-up and sign-in, per client address: a burst, then this many a second.
    signin_rate_per_s: int = 2
    signin_burst: int = 20
    jwks_cache_s: int = 30  # how long the edge keeps the JWKS before fetching it again
    # service -> the host of each replica; a service not named here runs on `host`.
    placement: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Where services reach Envoy's mesh listener when that is not `host` (a container DNS name).
    mesh_host: str = ""

    def service(self, name: str) -> Service:
        """The service called `name`, or a KeyError naming the known ones."""
        for svc in self.services:
            if svc.name == name:
                return svc
        raise KeyError(f"unknown service {name!r}; known: {', '.join(self.names())}")

    def names(self) -> list[str]:
        """Every service name, in topology order."""
        return [svc.name for svc in self.services]

    def with_replicas(self, replicas: dict[str, int]) -> Topology:
        """A copy with some services' replica counts changed."""
        for name, count in replicas.items():
            self.service(name)
            if not 1 <= count <= 9:
                raise ValueError(f"replicas for {name} must be 1..9, got {count}")
        services = tuple(
            replace(svc, replicas=replicas.get(svc.name, svc.replicas)) for svc in self.services
        )
        return replace(self, services=services)

    def with_canaries(self, count: int = 1) -> Topology:
        """A copy where every service may run `count` canary replicas beside its stable ones."""
        if not 0 <= count <= 9:
            raise ValueError(f"canary replicas must be 0..9, got {count}")
        return replace(self, services=tuple(replace(svc, canary_replicas=count)
                                            for svc in self.services))

    def shifted(self, offset: int) -> Topology:
        """A copy with every port moved by `offset`, so two stacks can share one host."""
        if offset == 0:
            return self
        services = tuple(replace(svc, port=svc.port + offset) for svc in self.services)
        return replace(self, services=services, public_port=self.public_port + offset,
                       https_port=self.https_port + offset,
                       mesh_port=self.mesh_port + offset, admin_port=self.admin_port + offset,
                       stats_port=self.stats_port + offset,
                       prometheus_port=self.prometheus_port + offset,
                       alertmanager_port=self.alertmanager_port + offset,
                       alert_receiver_port=self.alert_receiver_port + offset,
                       blackbox_port=self.blackbox_port + offset,
                       postgres_exporter_port=self.postgres_exporter_port + offset,
                       redis_exporter_port=self.redis_exporter_port + offset,
                       node_exporter_port=self.node_exporter_port + offset)

    def endpoints(self, name: str) -> list[Endpoint]:
        """Every replica of service `name`: its host (from the placement) and its port."""
        service = self.service(name)
        hosts = self.placement.get(name) or (self.host,) * service.replicas
        if len(hosts) != service.replicas:
            raise ValueError(f"placement of {name} names {len(hosts)} hosts for "
                             f"{service.replicas} replicas")
        return [Endpoint(name, index, host, port)
                for index, (host, port) in enumerate(zip(hosts, service.replica_ports()))]

    def canary_endpoints(self, name: str) -> list[Endpoint]:
        """Every canary replica of service `name`, on the host of its first stable replica
        (one app host of a cluster); numbered after the stable replicas' names."""
        service = self.service(name)
        host = (self.placement.get(name) or (self.host,))[0]
        return [Endpoint(f"{name}-canary", index, host, port)
                for index, port in enumerate(service.canary_ports())]

    def placed(self, placement: Mapping[str, tuple[str, ...]]) -> Topology:
        """A copy whose replicas run on the given hosts (replica counts follow the placement)."""
        for name in placement:
            self.service(name)
        counts = {name: len(hosts) for name, hosts in placement.items()}
        return replace(self.with_replicas(counts), placement=dict(placement))

    def mesh_ports(self) -> dict[str, int]:
        """Each service's own mesh listener (the port is the caller's identity to Envoy): the
        one after the harness's mesh port, in topology order."""
        return {svc.name: self.mesh_port + 1 + index for index, svc in enumerate(self.services)}

    def mesh_url(self, service: str = "") -> str:
        """Where `service` reaches the others: its own mesh listener; without a service, the
        harness's listener (every route; the local stack only, for QA evidence)."""
        port = self.mesh_ports()[self.service(service).name] if service else self.mesh_port
        return f"http://{self.mesh_host or self.host}:{port}"

    def public_url(self) -> str:
        """Where shoppers and API clients reach the shop: the edge's HTTPS listener."""
        return f"https://{self.host}:{self.https_port}"

    def plain_url(self) -> str:
        """The edge's plain-HTTP listener (the developer listener; a redirect when TLS-only)."""
        return f"http://{self.host}:{self.public_port}"

    def ports(self) -> dict[str, int]:
        """Every listening port the stack uses, by process name."""
        ports = {"envoy-public": self.public_port, "envoy-https": self.https_port,
                 "envoy-mesh": self.mesh_port,
                 "envoy-stats": self.stats_port, "prometheus": self.prometheus_port,
                 "alertmanager": self.alertmanager_port,
                 "alert-receiver": self.alert_receiver_port, "blackbox": self.blackbox_port,
                 "postgres-exporter": self.postgres_exporter_port,
                 "redis-exporter": self.redis_exporter_port}
        ports.update({f"envoy-mesh-{name}": port for name, port in self.mesh_ports().items()})
        for svc in self.services:
            for endpoint in self.endpoints(svc.name):
                ports[endpoint.name] = endpoint.port
        return ports


def replica_name(service: str, index: int) -> str:
    """The process name of one replica: `catalog-0`, `catalog-1`, ..."""
    return f"{service}-{index}"


def parse_replicas(values: list[str] | tuple[str, ...]) -> dict[str, int]:
    """Parse `--replicas catalog=2` options into a mapping, with clear errors."""
    result: dict[str, int] = {}
    for value in values:
        name, sep, count = value.partition("=")
        if not sep or not count.isdigit():
            raise ValueError(f"--replicas expects SERVICE=N, got {value!r}")
        result[name.strip()] = int(count)
    return result
