"""The public listener's route table: each service's public routes, and 404 for the rest."""
from __future__ import annotations

import re

from harness.envoy.auth import auth_on
from harness.envoy.edge import cache_on
from harness.envoy.filters import RATE_LIMIT_FILTER
from harness.envoy.ratelimit import by_client, per_client_rate_limit, rate_limit
from harness.envoy.routes import direct, forward_routes, methods_header, with_headers
from harness.model.edge import REQUEST_CLASSES, RequestClass
from harness.model.services import PublicRoute, Service
from harness.model.topology import Topology

JSON_METHODS = ("POST", "PUT", "PATCH")
JSON_CONTENT_TYPE = r"(?i)application/([a-z0-9.+-]+\+)?json\s*(;.*)?"


def path_match(route: PublicRoute) -> dict:
    """Exact path; a prefix ending in `/`; else the path itself or anything below it."""
    if route.exact:
        return {"path": route.prefix}
    if route.prefix.endswith("/"):
        return {"prefix": route.prefix}
    return {"path_separated_prefix": route.prefix}


def allowed_methods(route: PublicRoute) -> tuple[str, ...]:
    """The route's methods, with HEAD wherever GET is allowed."""
    extra = ("HEAD",) if "GET" in route.methods and "HEAD" not in route.methods else ()
    return (*route.methods, *extra)


def not_json() -> dict:
    """Match requests whose Content-Type is missing or not a JSON media type."""
    return {"name": "content-type", "string_match": {"safe_regex": {"regex": JSON_CONTENT_TYPE}},
            "invert_match": True, "treat_missing_header_as_empty": True}


def per_route(topology: Topology, route: PublicRoute) -> dict | None:
    """The route's per-filter configs: its rate limit, cache and token requirement."""
    limit = (rate_limit(topology) if route.rate_limited else
             per_client_rate_limit(topology) if route.per_client_limit else None)
    return {**({RATE_LIMIT_FILTER: limit} if limit else {}),
            **(cache_on() if route.cached else {}),
            **(auth_on(route.auth, route.prefix.startswith("/api/")) if route.auth else {})} or None


def limited(entries: list[dict], route: PublicRoute) -> list[dict]:
    """Forwarding routes with the client's address as their rate limit descriptor, if per client."""
    if route.per_client_limit:
        for entry in entries:
            entry["route"]["rate_limits"] = by_client()
    return entries


def route_entries(topology: Topology, service: Service, route: PublicRoute) -> list[dict]:
    """415 for non-JSON API writes, the forwarding routes, then 405 with an Allow header."""
    name, match, allowed = f"{service.name}:{route.prefix}", path_match(route), allowed_methods(route)
    entries = []
    json_writes = tuple(m for m in allowed if m in JSON_METHODS)
    if route.prefix.startswith("/api/") and json_writes:
        entries.append(direct(f"{name}/not-json", with_headers(
            match, methods_header(json_writes), not_json()), 415,
            "the request body must be JSON (Content-Type: application/json)"))
    entries.extend(limited(forward_routes(name, match, service, allowed,
                                          per_route(topology, route)), route))
    entries.append(direct(f"{name}/method", match, 405,
                          f"{route.prefix} allows {', '.join(allowed)}",
                          (("allow", ", ".join(allowed)),)))
    return entries


def public_routes(topology: Topology) -> list[dict]:
    """Every public route of every service, then 404 for unknown API routes and pages."""
    routes = [entry for service in topology.services for route in service.public_routes
              for entry in route_entries(topology, service, route)]
    routes.append(direct("unknown-api", {"path_separated_prefix": "/api"}, 404,
                         "no such API route"))
    routes.append(direct("unknown-page", {"prefix": "/"}, 404, "no such page"))
    return routes


def virtual_cluster(request_class: RequestClass) -> dict:
    """One request class of the model as a virtual cluster (its stats carry the name)."""
    headers = [methods_header(request_class.methods)] if request_class.methods else []
    if request_class.also:
        alternatives = "|".join(re.escape(path) for path in request_class.paths())
        path = {"safe_regex": {"regex": f"({alternatives})"}}
    else:
        path = {"exact" if request_class.exact else "prefix": request_class.path}
    headers.append({"name": ":path", "string_match": path})
    return {"name": request_class.name, "headers": headers}


def virtual_clusters() -> list[dict]:
    """The edge's request classes the SLOs are measured on (first match wins)."""
    return [virtual_cluster(request_class) for request_class in REQUEST_CLASSES]


def public_virtual_hosts(topology: Topology) -> list[dict]:
    """The one virtual host of the public listener (its name, `public`, labels its stats)."""
    return [{"name": "public", "domains": ["*"], "routes": public_routes(topology),
             "virtual_clusters": virtual_clusters()}]

