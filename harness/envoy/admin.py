"""Envoy's admin interface, over its Unix socket (mode 0600, this user's): the one client for
the runtime (faults, release weights), the stats and the clusters' health, failing with a
message that says what to check.

The admin can change the runtime (so inject faults) and stop Envoy, so it listens on no TCP
port: only the user who runs the stack may open the socket. Prometheus and health checks read
the stats listener instead (harness/envoy/stats.py), which exposes nothing that changes state.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

import urllib3

from harness import unixhttp


class EnvoyAdminError(RuntimeError):
    """Envoy's admin did not answer or did not take the change."""


class AdminUnavailable(EnvoyAdminError):
    """Envoy's admin socket did not answer."""


class EnvoyAdmin:
    """Calls to one Envoy's admin socket."""

    def __init__(self, socket_path: Path, timeout: float = 5.0):
        self.socket_path = socket_path
        self.pool = unixhttp.pool(str(socket_path), timeout)

    def request(self, method: str, path: str, **params) -> urllib3.BaseHTTPResponse:
        """`method path?params` on the admin; AdminUnavailable when nobody answers."""
        query = f"?{urlencode(params)}" if params else ""
        try:
            return self.pool.request(method, path + query)
        except urllib3.exceptions.HTTPError as exc:
            raise AdminUnavailable(f"Envoy's admin at {self.socket_path} did not answer ({exc}); "
                                   "is the stack up? (`astroshop status`)") from exc

    def text(self, path: str, **params) -> str:
        """The body of GET `path` as text."""
        return self.request("GET", path, **params).data.decode()

    def call(self, method: str, path: str, **params) -> str:
        """The body of `method path`, EnvoyAdminError unless Envoy answered 200."""
        response = self.request(method, path, **params)
        body = response.data.decode(errors="replace")
        if response.status != 200:
            raise EnvoyAdminError(f"Envoy refused {method} {path}: {body.strip()[:200]}")
        return body


def runtime_modify(admin: EnvoyAdmin, values: dict[str, int]) -> None:
    """Set runtime keys in the admin layer, all in one call."""
    admin.call("POST", "/runtime_modify", **values)


def runtime(admin: EnvoyAdmin) -> dict[str, str]:
    """Every runtime key's final value."""
    entries = json.loads(admin.call("GET", "/runtime")).get("entries", {})
    return {key: entry.get("final_value") for key, entry in entries.items()}


def address_of(address: dict) -> str:
    """`host:port` of a socket address, or the path of a Unix socket (the admin cluster)."""
    if "socket_address" in address:
        return f"{address['socket_address']['address']}:{address['socket_address']['port_value']}"
    return address.get("pipe", {}).get("path", "?")


def host_health(admin: EnvoyAdmin) -> dict[str, list[tuple[str, bool]]]:
    """cluster -> [(host:port, whether Envoy would send to it now)] for every cluster."""
    statuses = json.loads(admin.call("GET", "/clusters", format="json"))["cluster_statuses"]
    found = {}
    for cluster in statuses:
        hosts = []
        for host in cluster.get("host_statuses", []):
            health = host.get("health_status", {})
            failed = any(key.startswith("failed") and value for key, value in health.items())
            hosts.append((address_of(host["address"]),
                          not failed and health.get("eds_health_status") == "HEALTHY"))
        found[cluster["name"]] = hosts
    return found


def counters(admin: EnvoyAdmin, pattern: str) -> dict[str, int]:
    """Envoy's counters whose names match the regular expression `pattern`."""
    stats = json.loads(admin.call("GET", "/stats", format="json", filter=pattern,
                                  type="Counters"))["stats"]
    return {entry["name"]: int(entry["value"]) for entry in stats if "value" in entry}
