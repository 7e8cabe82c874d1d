"""The topology model: the one registry of services, ports, routes and stores.

The local runner, the Envoy and Prometheus configs, the Ansible inventory variables and
the Kubernetes manifests are all rendered from this module, so they cannot drift apart.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

ENVOY_PUBLIC_PORT = 8080
ENVOY_MESH_PORT = 10000
ENVOY_ADMIN_PORT = 9901
PROMETHEUS_PORT = 9090
LOCUST_WEB_PORT = 8089
ALERTMANAGER_PORT = 9093
ALERT_RECEIVER_PORT = 9096
BLACKBOX_PORT = 9115
MAX_REQUEST_BYTES = 64 * 1024


@dataclass(frozen=True)
class AlertTiming:
    """How Alertmanager batches notifications: group wait, group interval, repeat (seconds)."""

    group_wait_s: int = 30
    group_interval_s: int = 300
    repeat_interval_s: int = 4 * 3600


FAST_ALERTS = AlertTiming(1, 5, 3600)  # the local stack: a notification within seconds


@dataclass(frozen=True)
class PublicRoute:
    """One route of the public API, exposed by Envoy's public listener."""

    prefix: str
    methods: tuple[str, ...]
    exact: bool = False
    rate_limited: bool = False


@dataclass(frozen=True)
class Service:
    """One service: its port, replicas, the services it calls and what it stores."""

    name: str
    port: int
    description: str
    calls: tuple[str, ...] = ()
    optional_calls: tuple[str, ...] = ()  # the service degrades without these
    store: str | None = None  # "sql", "cart" (SQLite or Redis) or None
    public_routes: tuple[PublicRoute, ...] = ()
    timeout_ms: int = 2000
    idempotent_writes: bool = False
    replicas: int = 1
    workers: int = 1
    threads: int = 4
    memory_mb: int = 128

    def replica_ports(self) -> list[int]:
        """Ports of every replica: the base port, then one up per replica."""
        return [self.port + i for i in range(self.replicas)]

    def required_calls(self) -> tuple[str, ...]:
        """The dependencies without which this service cannot serve (checked by /readyz)."""
        return tuple(name for name in self.calls if name not in self.optional_calls)

    def env(self) -> dict[str, str]:
        """The ASTROSHOP_* variables this service needs, apart from run-time paths."""
        return {"ASTROSHOP_SERVICE": self.name}


GET = ("GET",)
WRITE = ("POST",)

SERVICES: tuple[Service, ...] = (
    Service(
        "frontend", 7000, "Server-rendered storefront pages",
        calls=("catalog", "cart", "currency", "recommendation", "ads", "shipping", "checkout"),
        optional_calls=("recommendation", "ads"),
        public_routes=(PublicRoute("/", ("GET", "POST")),),
        timeout_ms=5000, threads=8,
    ),
    Service(
        "catalog", 7010, "Products, categories and search",
        public_routes=(PublicRoute("/api/products", GET), PublicRoute("/api/categories", GET)),
        timeout_ms=1000,
    ),
    Service(
        "cart", 7020, "A session's cart", calls=("catalog",), store="cart",
        public_routes=(PublicRoute("/api/carts/", ("GET", "POST", "PUT", "DELETE")),),
        timeout_ms=1500,
    ),
    Service(
        "currency", 7030, "Supported currencies and conversion",
        public_routes=(PublicRoute("/api/currencies", GET),),
        timeout_ms=1000,
    ),
    Service(
        "shipping", 7040, "Shipping quotes and shipments", calls=("currency",),
        public_routes=(PublicRoute("/api/shipping/quote", WRITE, exact=True),),
        timeout_ms=1000, idempotent_writes=True,
    ),
    Service(
        "payment", 7050, "Card validation and charges", store="sql",
        timeout_ms=2000, idempotent_writes=True,
    ),
    Service("email", 7060, "Order confirmations", store="sql", timeout_ms=2000,
            idempotent_writes=True),
    Service(
        "recommendation", 7070, "Products related to a set of products", calls=("catalog",),
        public_routes=(PublicRoute("/api/recommendations", GET, exact=True),),
        timeout_ms=1000,
    ),
    Service(
        "ads", 7080, "Ads for a context",
        public_routes=(PublicRoute("/api/ads", GET, exact=True),),
        timeout_ms=500,
    ),
    Service(
        "checkout", 7090, "Placing orders and reading them back",
        calls=("cart", "catalog", "currency", "shipping", "payment", "email"), store="sql",
        optional_calls=("email",),
        public_routes=(
            PublicRoute("/api/checkout", WRITE, exact=True, rate_limited=True),
            PublicRoute("/api/orders/", GET),
        ),
        timeout_ms=8000, idempotent_writes=True,
    ),
)


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
    mesh_port: int = ENVOY_MESH_PORT
    admin_port: int = ENVOY_ADMIN_PORT
    prometheus_port: int = PROMETHEUS_PORT
    alertmanager_port: int = ALERTMANAGER_PORT
    alert_receiver_port: int = ALERT_RECEIVER_PORT
    blackbox_port: int = BLACKBOX_PORT
    alert_timing: AlertTiming = AlertTiming()
    scrape_interval_s: int = 5
    checkout_rate_per_s: int = 50
    checkout_burst: int = 100
    # service -> the host of each replica; a service not named here runs on `host`.
    placement: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
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

    def shifted(self, offset: int) -> Topology:
        """A copy with every port moved by `offset`, so two stacks can share one host."""
        if offset == 0:
            return self
        services = tuple(replace(svc, port=svc.port + offset) for svc in self.services)
        return replace(self, services=services, public_port=self.public_port + offset,
                       mesh_port=self.mesh_port + offset, admin_port=self.admin_port + offset,
                       prometheus_port=self.prometheus_port + offset,
                       alertmanager_port=self.alertmanager_port + offset,
                       alert_receiver_port=self.alert_receiver_port + offset,
                       blackbox_port=self.blackbox_port + offset)

    def endpoints(self, name: str) -> list[Endpoint]:
        """Every replica of service `name`: its host (from the placement) and its port."""
        service = self.service(name)
        hosts = self.placement.get(name) or (self.host,) * service.replicas
        if len(hosts) != service.replicas:
            raise ValueError(f"placement of {name} names {len(hosts)} hosts for "
                             f"{service.replicas} replicas")
        return [Endpoint(name, index, host, port)
                for index, (host, port) in enumerate(zip(hosts, service.replica_ports()))]

    def placed(self, placement: Mapping[str, tuple[str, ...]]) -> Topology:
        """A copy whose replicas run on the given hosts (replica counts follow the placement)."""
        for name in placement:
            self.service(name)
        counts = {name: len(hosts) for name, hosts in placement.items()}
        return replace(self.with_replicas(counts), placement=dict(placement))

    def mesh_url(self) -> str:
        """Where services reach each other: Envoy's internal listener."""
        return f"http://{self.mesh_host or self.host}:{self.mesh_port}"

    def public_url(self) -> str:
        """Where shoppers and API clients reach the shop."""
        return f"http://{self.host}:{self.public_port}"

    def ports(self) -> dict[str, int]:
        """Every listening port the stack uses, by process name."""
        ports = {"envoy-public": self.public_port, "envoy-mesh": self.mesh_port,
                 "envoy-admin": self.admin_port, "prometheus": self.prometheus_port,
                 "alertmanager": self.alertmanager_port,
                 "alert-receiver": self.alert_receiver_port, "blackbox": self.blackbox_port}
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


def service_environment(topology: Topology, service: Service, replica: int, *,
                        database_url: str, redis_url: str = "", secret_key: str = "",
                        flags_file: str = "") -> dict[str, str]:
    """Every ASTROSHOP_* variable one replica needs; shared by every deployment renderer."""
    env = {
        "ASTROSHOP_SERVICE": service.name,
        "ASTROSHOP_REPLICA": str(replica),
        "ASTROSHOP_MESH_URL": topology.mesh_url(),
        "ASTROSHOP_CLIENT_TIMEOUT_S": f"{service.timeout_ms / 1000:.1f}",
        "ASTROSHOP_REQUIRED_DEPENDENCIES": ",".join(service.required_calls()),
    }
    if service.store in ("sql", "cart"):
        env["ASTROSHOP_DATABASE_URL"] = database_url
    if service.store == "cart" and redis_url:
        env["ASTROSHOP_REDIS_URL"] = redis_url
    if service.name == "frontend":
        env["ASTROSHOP_SECRET_KEY"] = secret_key
    if flags_file:
        env["ASTROSHOP_FLAGS_FILE"] = flags_file
    return env
