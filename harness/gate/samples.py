"""The gate's per-request samples: the public listener's requests of a run's window from
Envoy's access log, durations by request class, kept in samples.json so a later gate can
compare with this run as its baseline (Mann-Whitney U, the Hodges-Lehmann shift)."""
from __future__ import annotations

import json
from pathlib import Path

from harness.envoy.accesslog import LogCursor, requests_in
from harness.stats.shift import thinned

SAMPLES_FILE = "samples.json"
KEPT = 5000  # durations kept per request class (a seeded random subset of a busier class)


def collect(access_log: Path | None, start: float, end: float) -> dict[str, list[float]]:
    """Durations (ms) of the public listener's requests in [start, end), by request class;
    nothing without a local access log (a remote target)."""
    if access_log is None or not Path(access_log).exists():
        return {}
    by_class: dict[str, list[float]] = {}
    for request in requests_in(LogCursor(access_log, offset=0), start, end):
        if request.public:
            by_class.setdefault(request.request_class, []).append(request.ms)
    return {name: [round(float(v), 3) for v in thinned(values, KEPT)]
            for name, values in by_class.items()}


def write(folder: Path, samples: dict[str, list[float]]) -> None:
    """Keep a run's samples beside its gate.json (nothing when there are none)."""
    if samples:
        (Path(folder) / SAMPLES_FILE).write_text(json.dumps(samples))


def read(folder: Path | None) -> dict[str, list[float]]:
    """A run's samples; none when it kept none (a remote target, an older run)."""
    path = Path(folder) / SAMPLES_FILE if folder else None
    return json.loads(path.read_text()) if path and path.exists() else {}
