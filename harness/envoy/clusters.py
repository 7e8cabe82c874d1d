"""Envoy clusters: one per service, with every replica as an endpoint; a service that may run
canaries gets a second cluster, `<name>-canary`, so Envoy's stats keep the two apart; the
admin's own."""
from __future__ import annotations

import ipaddress

from harness.envoy.edge import unstored
from harness.envoy.filters import typed
from harness.model.services import Service
from harness.model.topology import Endpoint, Topology

ADMIN_HOST = "127.0.0.1"
ADMIN_CLUSTER = "envoy-admin"
ADMIN_SOCKET_MODE = 0o600
HEALTH_PATH = "/healthz"
UPSTREAM_IDLE_TIMEOUT = "20s"  # below gunicorn's 30 s keep-alive, so Envoy closes first
REQUESTS_PER_REPLICA = 256
MIN_RETRY_CONCURRENCY = 16


def is_ip(host: str) -> bool:
    """Whether `host` is a literal IP address (a STATIC cluster) rather than a DNS name."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def socket_address(host: str, port: int) -> dict:
    """An Envoy TCP address."""
    return {"socket_address": {"address": host, "port_value": port}}


CANARY_SUFFIX = "-canary"


def canary_name(service: str) -> str:
    """The Envoy cluster of a service's canary replicas: `catalog-canary`."""
    return f"{service}{CANARY_SUFFIX}"


def is_canary(cluster_name: str) -> bool:
    """Whether an Envoy cluster is a canary's (empty but for a release)."""
    return cluster_name.endswith(CANARY_SUFFIX)


def endpoints(name: str, found: list[Endpoint]) -> dict:
    """The load assignment of cluster `name`: one endpoint per replica."""
    return {"cluster_name": name, "endpoints": [{"lb_endpoints": [
        {"endpoint": {"address": socket_address(e.host, e.port)}} for e in found]}]}


def circuit_breakers(service: Service) -> dict:
    """Thresholds scaled by replicas; retries limited to a quarter of active requests.

    At least MIN_RETRY_CONCURRENCY retries may run at once whatever the traffic, so that the
    requests in flight when a replica dies can all be retried on another one.
    """
    limit = REQUESTS_PER_REPLICA * service.replicas
    return {"thresholds": [{
        "priority": "DEFAULT", "max_connections": limit, "max_pending_requests": limit,
        "max_requests": limit,
        "retry_budget": {"budget_percent": {"value": 25.0},
                         "min_retry_concurrency": MIN_RETRY_CONCURRENCY},
    }]}


def outlier_detection() -> dict:
    """Eject a replica, for 10 s and at most half of them, after three 5xx in a row or when
    more than 30% of its requests failed in a 2 s interval (at least 10, two replicas or more).

    The second rule catches a replica that fails only some calls (its own dependencies gone,
    say): the successes in between keep resetting the consecutive count. A passing health
    check does not cut an ejection short: /healthz says the process lives, not that its calls
    succeed (by default Envoy let the next check, 2 s later, undo every ejection).
    """
    return {"consecutive_5xx": 3, "interval": "2s", "base_ejection_time": "10s",
            "max_ejection_percent": 50,
            "failure_percentage_threshold": 30, "enforcing_failure_percentage": 100,
            "failure_percentage_request_volume": 10, "failure_percentage_minimum_hosts": 2,
            "successful_active_health_check_uneject_host": False}


def health_checks() -> list[dict]:
    """Active HTTP checks of every replica's liveness endpoint."""
    return [{"timeout": "1s", "interval": "2s", "no_traffic_interval": "2s",
             "unhealthy_threshold": 2, "healthy_threshold": 1,
             "http_health_check": {"path": HEALTH_PATH}}]


def protocol_options(canary: bool = False) -> dict:
    """HTTP/1.1 upstream with keep-alive connections closed before the service drops them; a
    canary's answers marked uncacheable on their way back (edge.unstored)."""
    return {"envoy.extensions.upstreams.http.v3.HttpProtocolOptions": typed(
        "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
        common_http_protocol_options={"idle_timeout": UPSTREAM_IDLE_TIMEOUT},
        explicit_http_config={"http_protocol_options": {}},
        **({"http_filters": unstored()} if canary else {}))}


def cluster(name: str, found: list[Endpoint], service: Service) -> dict:
    """The cluster `name` of one service's replicas `found` (stable or canary)."""
    kind = "STATIC" if all(is_ip(endpoint.host) for endpoint in found) else "STRICT_DNS"
    built = {
        "name": name, "type": kind, "connect_timeout": "0.5s", "lb_policy": "ROUND_ROBIN",
        "load_assignment": endpoints(name, found),
        "circuit_breakers": circuit_breakers(service),
        "outlier_detection": outlier_detection(),
        "health_checks": health_checks(),
        "typed_extension_protocol_options": protocol_options(is_canary(name)),
    }
    if kind == "STRICT_DNS":
        built["dns_lookup_family"] = "V4_ONLY"
        built["connect_timeout"] = DNS_CONNECT_TIMEOUT
    if kind == "STRICT_DNS" or is_canary(name):  # a canary that is down gets no traffic either
        built["common_lb_config"] = no_panic()
    return built


def service_clusters(topology: Topology, service: Service) -> list[dict]:
    """The service's cluster, and its canary cluster when the deployment may run canaries."""
    found = [cluster(service.name, topology.endpoints(service.name), service)]
    if service.canary_replicas:
        found.append(cluster(canary_name(service.name), topology.canary_endpoints(service.name),
                             service))
    return found


# A container or pod answers a connect within a millisecond on its network; an address nobody
# holds any more answers nothing, so a short timeout fails fast until the health checks see it.
DNS_CONNECT_TIMEOUT = "0.25s"


def no_panic() -> dict:
    """For hosts found by DNS (containers, pods): never route to hosts the health checks marked
    down. A stopped container's address outlives it in Envoy (a failed lookup keeps the last
    answer), and connecting to an address nobody holds waits for the connect timeout, where a
    closed port on loopback refuses at once: in panic mode every call to a dead service would
    wait out its timeouts and retries instead of failing fast."""
    return {"healthy_panic_threshold": {"value": 0.0}}


def admin_address(topology: Topology, admin_socket: str = "") -> dict:
    """Where the admin listens: a Unix socket only Envoy's user may open (mode 0600) when
    `admin_socket` names one, else loopback TCP."""
    if admin_socket:
        return {"pipe": {"path": admin_socket, "mode": ADMIN_SOCKET_MODE}}
    return socket_address(ADMIN_HOST, topology.admin_port)


def admin_cluster(topology: Topology, admin_socket: str = "") -> dict:
    """A cluster for Envoy's own admin interface (behind the stats listener)."""
    return {"name": ADMIN_CLUSTER, "type": "STATIC", "connect_timeout": "0.25s",
            "load_assignment": {"cluster_name": ADMIN_CLUSTER, "endpoints": [{"lb_endpoints": [
                {"endpoint": {"address": admin_address(topology, admin_socket)}}]}]}}


def clusters(topology: Topology, stats: bool = False, admin_socket: str = "") -> list[dict]:
    """Every service's cluster, in topology order, then the admin's when `stats` is served."""
    found = [built for service in topology.services
             for built in service_clusters(topology, service)]
    return [*found, admin_cluster(topology, admin_socket)] if stats else found
