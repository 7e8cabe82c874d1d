"""HTTP over a Unix domain socket with urllib3 (Envoy's admin listens on one, mode 0600).

urllib3 opens TCP connections; the pool below hands it a connected Unix socket instead, and
everything above the socket (requests, responses, keep-alive, timeouts) stays urllib3's own.
"""
from __future__ import annotations

import socket

import urllib3
from urllib3.connection import HTTPConnection
from urllib3.exceptions import NewConnectionError


class UnixConnection(HTTPConnection):
    """An HTTP connection whose socket is the Unix socket at `socket_path`."""

    def __init__(self, socket_path: str, **kwargs):
        super().__init__("localhost", **kwargs)
        self.socket_path = socket_path

    def _new_conn(self) -> socket.socket:
        """Connect to the Unix socket (urllib3 would dial TCP here)."""
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        try:
            sock.connect(self.socket_path)
        except OSError as exc:
            sock.close()
            raise NewConnectionError(self, f"cannot connect to {self.socket_path}: "
                                           f"{exc.strerror or exc}") from exc
        return sock


class UnixPool(urllib3.HTTPConnectionPool):
    """A connection pool to the HTTP server listening on one Unix socket."""

    def __init__(self, socket_path: str, **kwargs):
        super().__init__("localhost", **kwargs)
        self.socket_path = socket_path

    def _new_conn(self) -> UnixConnection:
        """A new connection to the pool's socket."""
        return UnixConnection(self.socket_path, timeout=self.timeout.connect_timeout)


def pool(socket_path: str, timeout: float = 5.0) -> UnixPool:
    """A pool to `socket_path` with no retries and `timeout` seconds to connect and to read."""
    return UnixPool(socket_path, retries=False, timeout=urllib3.Timeout(connect=timeout,
                                                                         read=timeout))
