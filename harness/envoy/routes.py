"""Envoy route building blocks, and the mesh listener's virtual hosts (one per service)."""
from __future__ import annotations

from harness.envoy.filters import FAULT_FILTER, fault, header, typed
from harness.model.services import Service
from harness.model.topology import Topology

SAFE_METHODS = ("GET", "HEAD")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
IDEMPOTENCY_HEADER = "idempotency-key"
RETRY_ON = "reset,connect-failure,refused-stream,5xx"
# What a write without an idempotency key may be retried on: failures where the replica never
# saw the request (no connection, a refused stream, a reset before a byte was sent), so a
# replica lost mid-load costs no plain write while none is ever delivered twice.
UNSENT_RETRY_ON = "connect-failure,refused-stream,reset-before-request"
NUM_RETRIES = 2


def duration(ms: int) -> str:
    """Milliseconds as a proto Duration string: 1500 -> '1.5s'."""
    return f"{ms / 1000:g}s"


def methods_header(methods: tuple[str, ...]) -> dict:
    """Match the request method against `methods`."""
    return {"name": ":method", "string_match": {"safe_regex": {"regex": "|".join(methods)}}}


def present_header(name: str) -> dict:
    """Match requests that carry header `name`, whatever its value."""
    return {"name": name, "present_match": True}


def with_headers(match: dict, *headers: dict) -> dict:
    """A copy of a route match with header matchers added."""
    return {**match, "headers": [*match.get("headers", []), *headers]}


def retry_policy(service: Service, retry_on: str = RETRY_ON) -> dict:
    """Two retries on another replica. When a slow try may be retried (RETRY_ON), each try is
    bounded so all three fit the route timeout; a write retried only when it was never sent
    gets the whole timeout for its one try, since a timed-out try is never tried again."""
    tries = NUM_RETRIES + 1 if retry_on == RETRY_ON else 1
    return {
        "retry_on": retry_on, "num_retries": NUM_RETRIES,
        "per_try_timeout": duration(service.timeout_ms // tries),
        "retry_host_predicate": [{"name": "envoy.retry_host_predicates.previous_hosts",
                                  "typed_config": typed("envoy.extensions.retry.host."
                                                        "previous_hosts.v3.PreviousHostsPredicate")}],
        "host_selection_retry_max_attempts": 3,
    }


def forward(name: str, match: dict, service: Service, retry: bool,
            per_filter: dict | None = None) -> dict:
    """A route to the service's cluster with its timeout and retries: on any failure when
    `retry` (reads, keyed writes), else only on those where the request was never sent."""
    action = {"cluster": service.name, "timeout": duration(service.timeout_ms),
              "retry_policy": retry_policy(service, RETRY_ON if retry else UNSENT_RETRY_ON)}
    route = {"name": name, "match": match, "route": action}
    if per_filter:
        route["typed_per_filter_config"] = per_filter
    return route


def forward_routes(name: str, match: dict, service: Service, methods: tuple[str, ...] | None,
                   per_filter: dict | None = None) -> list[dict]:
    """Routes to a service: reads and keyed or idempotent writes retried on any failure, other
    writes only when the replica never saw them."""
    allowed = methods or (*SAFE_METHODS, *WRITE_METHODS)
    safe = tuple(m for m in allowed if m in SAFE_METHODS)
    writes = tuple(m for m in allowed if m not in SAFE_METHODS)
    only = [methods_header(methods)] if methods else []
    if service.idempotent_writes or not writes:
        return [forward(name, with_headers(match, *only), service, True, per_filter)]
    write_only = [methods_header(writes)] if methods else []
    routes = [forward(f"{name}/keyed", with_headers(match, *write_only,
                                                    present_header(IDEMPOTENCY_HEADER)),
                      service, True, per_filter)]
    if safe:
        routes.append(forward(f"{name}/read", with_headers(match, methods_header(safe)),
                              service, True, per_filter))
    routes.append(forward(f"{name}/write", with_headers(match, *write_only), service, False,
                          per_filter))
    return routes


def direct(name: str, match: dict, status: int, detail: str, headers: tuple = ()) -> dict:
    """A reply made by Envoy itself (rendered as problem+json by the local reply config)."""
    route = {"name": name, "match": match,
             "direct_response": {"status": status, "body": {"inline_string": detail}}}
    if headers:
        route["response_headers_to_add"] = [header(key, value) for key, value in headers]
    return route


def mesh_virtual_host(topology: Topology, service: Service) -> dict:
    """Calls to one service, by Host header, with its fault config and retry rules."""
    return {"name": service.name, "domains": [service.name, f"{service.name}:{topology.mesh_port}"],
            "routes": forward_routes(service.name, {"prefix": "/"}, service, None),
            "typed_per_filter_config": {FAULT_FILTER: fault(service.name)}}


def mesh_virtual_hosts(topology: Topology) -> list[dict]:
    """One virtual host per service, then 404 for any other Host."""
    unknown = {"name": "unknown-service", "domains": ["*"], "routes": [direct(
        "unknown-service", {"prefix": "/"}, 404,
        f"no such service; the Host header names one of: {', '.join(topology.names())}")]}
    return [*(mesh_virtual_host(topology, service) for service in topology.services), unknown]
