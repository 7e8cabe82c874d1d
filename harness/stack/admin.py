"""Envoy's admin interface of the local stack, over its Unix socket (mode 0600, this user's).

The admin can change the runtime (so inject faults) and stop Envoy, so it listens on no TCP
port: only the user who runs the stack may open the socket. Prometheus and health checks read
the stats listener instead (harness/envoy/stats.py), which exposes nothing that changes state.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import urllib3

from harness import unixhttp


class AdminUnavailable(RuntimeError):
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
