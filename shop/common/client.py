"""The service client: every east-west call goes through Envoy's internal listener.

Services never call each other directly. The client sends each request to the mesh URL
with the target service as the Host header, so Envoy applies that service's timeouts,
retries, circuit breakers and faults, and the hop shows up in Envoy's metrics.
"""
from __future__ import annotations

import json
from abc import ABC, abstractmethod
from typing import Any
from urllib.parse import urlsplit

import urllib3
from flask import g, has_request_context

from shop.common.errors import DependencyError
from shop.contracts.headers import REQUEST_ID_HEADER
from shop.contracts.route import Route


class UpstreamError(DependencyError):
    """The dependency answered with a 4xx: its problem body is kept for the caller."""

    def __init__(self, service: str, status: int, body: dict):
        super().__init__(service, body.get("detail", f"HTTP {status}"), status)
        self.status = status
        self.body = body
        self.errors = body.get("errors", [])


class Verbs(ABC):
    """Calls to contract routes in terms of `request(service, method, path, ...)`."""

    @abstractmethod
    def request(self, service: str, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None) -> Any:
        """Call `service`; the subclass says how."""

    def call(self, route: Route, body: Any = None, *, query: dict | None = None,
             headers: dict[str, str] | None = None, **params: object) -> Any:
        """Call a contract route, its path filled from `params` and `query`."""
        return self.request(route.service, route.method, route.url(query, **params), body=body,
                            headers=headers)


class ServiceClient(Verbs):
    """Calls other services through Envoy's mesh listener, with a timeout and the request id.

    Every call goes to the one mesh address, so one keep-alive connection pool serves them all
    (no pool manager parsing each URL and choosing a pool); POOL_SIZE connections are kept.
    """

    POOL_SIZE = 16  # kept connections; more may open at once, and close after their call

    def __init__(self, mesh_url: str, timeout_s: float, caller: str):
        self.prefix = urlsplit(mesh_url).path.rstrip("/")
        self.timeout = urllib3.Timeout(connect=min(1.0, timeout_s), read=timeout_s)
        self.caller = caller
        self.pool = urllib3.connection_from_url(mesh_url, maxsize=self.POOL_SIZE, retries=False,
                                                timeout=self.timeout)

    def request(self, service: str, method: str, path: str, body: Any = None,
                headers: dict[str, str] | None = None) -> Any:
        """Call `service` and return its decoded JSON; raise DependencyError on failure."""
        sent = {"Host": service, "User-Agent": f"astroshop-{self.caller}"}
        if has_request_context() and g.get("request_id"):
            sent[REQUEST_ID_HEADER] = g.request_id
        if body is not None:
            sent["Content-Type"] = "application/json"
        sent.update(headers or {})
        try:
            response = self.pool.request(
                method, self.prefix + path, headers=sent,
                body=json.dumps(body).encode() if body is not None else None)
        except urllib3.exceptions.HTTPError as exc:
            raise DependencyError(service, f"no answer ({type(exc).__name__})") from exc
        return self._decode(service, response)

    @staticmethod
    def _decode(service: str, response: urllib3.BaseHTTPResponse) -> Any:
        try:
            data = json.loads(response.data) if response.data else {}
        except ValueError:
            data = {"detail": response.data[:200].decode(errors="replace")}
        if response.status >= 500:
            detail = data.get("detail") if isinstance(data, dict) else None
            raise DependencyError(service, detail or f"HTTP {response.status}", response.status)
        if response.status >= 400:
            raise UpstreamError(service, response.status, data if isinstance(data, dict) else {})
        return data

