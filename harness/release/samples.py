"""Per-request samples of one service from Envoy's access log: every request its stable or
canary cluster served in a step's window, split by cluster; the answers the edge's cache gave
instead reached neither and are counted apart."""
from __future__ import annotations

from harness.envoy.accesslog import LogCursor, Request, requests_in
from harness.envoy.clusters import canary_name

__all__ = ["LogCursor", "Request", "cached", "read", "split"]


def read(cursor: LogCursor, service: str, start: float, end: float) -> list[Request]:
    """The requests the service's clusters served that began within [start, end)."""
    clusters = (service, canary_name(service))
    return [r for r in requests_in(cursor, start, end) if r.cluster in clusters]


def split(requests: list[Request], service: str) -> tuple[list[Request], list[Request]]:
    """The canary's requests and the stable release's: those that reached a replica."""
    canary, served = canary_name(service), [r for r in requests if not r.cached]
    return ([r for r in served if r.cluster == canary],
            [r for r in served if r.cluster == service])


def cached(requests: list[Request], service: str) -> dict[str, int]:
    """How many of them the edge's cache answered, by the cluster their route had chosen."""
    return {side: sum(r.cached and r.cluster == cluster for r in requests)
            for side, cluster in (("canary", canary_name(service)), ("stable", service))}
