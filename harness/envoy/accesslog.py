"""Reading Envoy's JSON access log (the format of harness/envoy/filters.access_log): one
request per line, with its listener, upstream cluster, request class, status and duration, so
latency comparisons run on requests, not on histogram buckets."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness.envoy.listeners import HTTPS, PLAIN
from harness.model.edge import request_class

# Envoy's response code details of an answer the cache filter gave from its store (a hit, or
# one shared with a concurrent request for the same key); a miss is `cache.insert_via_upstream`.
CACHE_ANSWER = "cache.response_from_cache_filter"


@dataclass(frozen=True)
class Request:
    """One request as Envoy logged it."""

    cluster: str
    listener: str
    request_class: str
    status: int
    ms: float
    start: float
    cached: bool = False  # answered by the edge's cache: it reached no replica

    @property
    def public(self) -> bool:
        """Whether a shopper's request reached the shop at the edge (plain HTTP or HTTPS)."""
        return self.listener in (PLAIN, HTTPS)


class LogCursor:
    """A place in the access log: what was written after it is what a window saw."""

    def __init__(self, path: Path, offset: int | None = None):
        self.path = Path(path)
        size = self.path.stat().st_size if self.path.exists() else 0
        self.offset = size if offset is None else offset

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


def parse(line: str) -> Request | None:
    """The request of one log line (None for anything else Envoy printed)."""
    if not line.startswith("{"):
        return None
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    ms = duration_ms(entry)
    if ms is None or not str(entry.get("status", "")).isdigit():
        return None
    path, method = str(entry.get("path") or "/"), str(entry.get("method") or "GET")
    return Request(str(entry.get("upstream_cluster")), str(entry.get("listener")),
                   request_class(method, path), int(entry["status"]), ms,
                   float(entry.get("start_s") or 0.0), entry.get("details") == CACHE_ANSWER)


def requests_in(cursor: LogCursor, start: float, end: float) -> list[Request]:
    """The requests logged since the cursor that began within [start, end)."""
    found = (parse(line) for line in cursor.lines())
    return [r for r in found if r is not None and (not r.start or start <= r.start < end)]
