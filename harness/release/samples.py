"""Per-request samples from Envoy's JSON access log: every request a service's stable or
canary cluster served, with its listener, request class, status and duration, so the latency
test runs on requests, not on histogram buckets."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness.envoy.clusters import canary_name
from harness.model.edge import request_class


@dataclass(frozen=True)
class Request:
    """One request as Envoy logged it."""

    cluster: str
    listener: str
    request_class: str
    status: int
    ms: float
    start: float


class LogCursor:
    """A place in the access log: what was written after it is what a step saw."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def lines(self) -> list[str]:
        """Every complete line written since the cursor (from the start after a rotation)."""
        if not self.path.exists():
            return []
        with self.path.open("rb") as log:
            if self.path.stat().st_size < self.offset:
                self.offset = 0
            log.seek(self.offset)
            text = log.read().decode(errors="replace")
        return text.split("\n")[:-1]


def duration_ms(entry: dict) -> float | None:
    """The request's duration: microseconds when Envoy logged them, else milliseconds."""
    for key, scale in (("duration_us", 1000.0), ("duration_ms", 1.0)):
        value = entry.get(key)
        if isinstance(value, (int, float)) or (isinstance(value, str) and value.isdigit()):
            return float(value) / scale
    return None


def parse(line: str, clusters: tuple[str, ...]) -> Request | None:
    """The request of one log line, if a cluster of `clusters` served it."""
    if not line.startswith("{"):
        return None
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    cluster, ms = entry.get("upstream_cluster"), duration_ms(entry)
    if cluster not in clusters or ms is None or not str(entry.get("status", "")).isdigit():
        return None
    path, method = str(entry.get("path") or "/"), str(entry.get("method") or "GET")
    return Request(cluster, str(entry.get("listener")), request_class(method, path),
                   int(entry["status"]), ms, float(entry.get("start_s") or 0.0))


def read(cursor: LogCursor, service: str, start: float, end: float) -> list[Request]:
    """The requests the service's clusters served that began within [start, end)."""
    clusters = (service, canary_name(service))
    found = (parse(line, clusters) for line in cursor.lines())
    return [r for r in found if r is not None and (not r.start or start <= r.start < end)]


def split(requests: list[Request], service: str) -> tuple[list[Request], list[Request]]:
    """The canary's requests and the stable release's."""
    canary = canary_name(service)
    return ([r for r in requests if r.cluster == canary],
            [r for r in requests if r.cluster == service])
