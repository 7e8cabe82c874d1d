"""Per-request samples of one service from Envoy's access log: every request its stable or
canary cluster served in a step's window, split by cluster."""
from __future__ import annotations

from harness.envoy.accesslog import LogCursor, Request, requests_in
from harness.envoy.clusters import canary_name

__all__ = ["LogCursor", "Request", "read", "split"]


def read(cursor: LogCursor, service: str, start: float, end: float) -> list[Request]:
    """The requests the service's clusters served that began within [start, end)."""
    clusters = (service, canary_name(service))
    return [r for r in requests_in(cursor, start, end) if r.cluster in clusters]


def split(requests: list[Request], service: str) -> tuple[list[Request], list[Request]]:
    """The canary's requests and the stable release's."""
    canary = canary_name(service)
    return ([r for r in requests if r.cluster == canary],
            [r for r in requests if r.cluster == service])
