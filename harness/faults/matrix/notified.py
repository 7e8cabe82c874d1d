"""Pages as they reached the harness's receiver through Alertmanager: what the matrix and the
false-alarm check count as detection (a rule that fired in Prometheus but was never
notified pages nobody).

A page is a notification of an alert with `severity="page"`; a page *on an objective* also
carries its `slo` label. Every time is wall-clock epoch seconds: the receiver stamps
`received_at`, Prometheus `starts_at` (the moment the alert began firing).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from harness.alerting import notifications

PAGE = "page"
POLL_S = 0.5


@dataclass(frozen=True)
class Page:
    """One alert of one page notification, as the receiver stored it."""

    status: str
    alertname: str
    objective: str
    fingerprint: str
    received: float  # when the receiver stored it
    started: float | None  # when the alert began firing, by Prometheus
    windows: str  # `1m/5s`, or "" for an alert without burn windows

    def describe(self) -> str:
        """`SLOErrorBudgetBurn payment-availability page 1m/5s`."""
        return " ".join(part for part in (self.alertname, self.objective, PAGE, self.windows)
                        if part)


def epoch(stamp: str) -> float | None:
    """An RFC 3339 time (Go's nanoseconds cut to microseconds) as epoch seconds, or None."""
    if not stamp or stamp.startswith("0001-"):
        return None
    text = stamp.replace("Z", "+00:00")
    head, dot, rest = text.partition(".")
    if dot:
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = f"{head}.{rest[:min(digits, 6)]}{rest[digits:]}"
    return datetime.fromisoformat(text).timestamp()


def page(record: dict) -> Page:
    """The Page of one stored record."""
    labels = record.get("labels") or {}
    windows = "/".join(labels[k] for k in ("long_window", "short_window") if labels.get(k))
    return Page(record["status"], record.get("alertname", ""), record.get("objective", ""),
                record.get("fingerprint", ""), epoch(record["received_at"]),
                epoch(record.get("starts_at", "")), windows)


def pages(store: Path, objective: str | None = None, since: float = 0) -> list[Page]:
    """Every page received at or after `since` (of one objective, or of any), oldest first."""
    found = [page(r) for r in notifications.read(store) if r.get("severity") == PAGE]
    return [p for p in found if p.received >= since
            and (objective is None or p.objective == objective)]


def firing(store: Path, objective: str | None, since: float,
           until: float | None = None) -> list[Page]:
    """Firing pages received between `since` and `until` (epoch; None: up to now)."""
    return [p for p in pages(store, objective, since)
            if p.status == "firing" and (until is None or p.received <= until)]


def still_open(store: Path, objective: str, since: float = 0) -> list[Page]:
    """Pages of `objective` whose last notification since `since` said firing."""
    last: dict[str, Page] = {}
    for found in pages(store, objective, since):
        last[found.fingerprint] = found
    return [p for p in last.values() if p.status == "firing"]


def wait_firing(store: Path, objective: str, since: float, deadline: float) -> Page | None:
    """The first firing page of `objective` received after `since`, or None once the clock
    passes `deadline` (monotonic)."""
    while True:
        found = firing(store, objective, since)
        if found or time.monotonic() >= deadline:
            return found[0] if found else None
        time.sleep(POLL_S)


def wait_resolved(store: Path, objective: str, since: float, deadline: float) -> list[Page]:
    """Wait until every page of `objective` notified since `since` has its resolved
    notification; those still open at `deadline` (monotonic)."""
    while True:
        found = still_open(store, objective, since)
        if not found or time.monotonic() >= deadline:
            return found
        time.sleep(POLL_S)
