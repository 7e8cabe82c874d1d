"""A live view of a running load: users, requests/s, failures and time left.

It reads the last line of Locust's `_stats_history.csv`, which Locust appends every second.
"""
from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path

from rich.table import Table


@dataclass(frozen=True)
class Snapshot:
    """Locust's latest aggregated numbers."""

    users: int = 0
    rps: float = 0.0
    failures_per_s: float = 0.0
    requests: int = 0
    failures: int = 0
    p95_ms: str = "-"


def latest(history_csv: Path) -> Snapshot:
    """The newest aggregated row of the history file; an empty snapshot before the first."""
    try:
        lines = Path(history_csv).read_text().splitlines()
    except OSError:
        return Snapshot()
    rows = [row for row in csv.DictReader(lines) if row.get("Name") == "Aggregated"]
    if not rows:
        return Snapshot()
    row = rows[-1]
    return Snapshot(int(row["User Count"]), float(row["Requests/s"]), float(row["Failures/s"]),
                    int(row["Total Request Count"]), int(row["Total Failure Count"]), row["95%"])


def view(profile: str, snapshot: Snapshot, started: float | None, planned_s: float) -> Table:
    """One row: profile, users, requests/s, failures, p95 and time left."""
    table = Table("profile", "users", "req/s", "requests", "failures", "p95 ms", "time left")
    if started is None:
        left = "starting"
    else:
        left = f"{max(0.0, planned_s - (time.time() - started)):.0f} s"
    share = f"{snapshot.failures} ({snapshot.failures / snapshot.requests:.1%})" \
        if snapshot.requests else "0"
    table.add_row(profile, str(snapshot.users), f"{snapshot.rps:.1f}", str(snapshot.requests),
                  share, snapshot.p95_ms, left)
    return table
