"""Locust's aggregated numbers from its `_stats.csv`, for summaries beside the verdict."""
from __future__ import annotations

import csv
from pathlib import Path


def summary(stats_csv: Path, cpu_s: float | None = None) -> dict | None:
    """Requests, failures, requests/s and p50/p95/p99 (ms) of the Aggregated row, and with
    Locust's CPU seconds the requests it drove per CPU-second; None without the file."""
    path = Path(stats_csv)
    if not path.exists():
        return None
    with path.open(newline="") as handle:
        row = next((r for r in csv.DictReader(handle) if r.get("Name") == "Aggregated"), None)
    if row is None:
        return None

    def number(column: str) -> float | None:
        """A column as a number; None where Locust wrote N/A."""
        value = row.get(column, "")
        return float(value) if value not in ("", "N/A") else None

    requests = int(row["Request Count"])
    return {"requests": requests, "failures": int(row["Failure Count"]),
            "rps": number("Requests/s"), "p50_ms": number("50%"), "p95_ms": number("95%"),
            "p99_ms": number("99%"), "cpu_s": cpu_s,
            "requests_per_cpu_s": requests / cpu_s if cpu_s else None}
