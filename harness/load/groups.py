"""Locust's own view of each edge class (checkout, api, storefront), for the cross-check.

Every Locust process that runs users counts its requests by edge class and status class,
and keeps their response times (Locust's rounded milliseconds); at exit it writes them to
`locust-groups-<pid>.json` next to the window file. `merged` adds the files of all processes.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from harness.load.naming import group_of

FILE_GLOB = "locust-groups-*.json"


class GroupCounts:
    """Requests by edge class: status classes and rounded response times."""

    def __init__(self):
        """No requests counted yet."""
        self.statuses: dict[str, Counter] = {}
        self.times: dict[str, Counter] = {}

    def add(self, name: str, status: int, response_ms: float) -> None:
        """Count one request (names outside the edge classes are left out)."""
        group = group_of(name)
        if group is None:
            return
        kind = f"{status // 100}xx" if status else "no response"
        self.statuses.setdefault(group, Counter())[kind] += 1
        self.times.setdefault(group, Counter())[locust_rounding(response_ms)] += 1

    def write(self, folder: Path) -> Path:
        """Write this process's counts; return the file."""
        path = Path(folder) / f"locust-groups-{os.getpid()}.json"
        path.write_text(json.dumps({"statuses": self.statuses, "times": self.times}))
        return path


def locust_rounding(ms: float) -> int:
    """Round as Locust does: 1 ms under 100 ms, 10 ms under 1 s, 100 ms under 10 s, else 1 s."""
    if ms < 100:
        return round(ms)
    digits = -1 if ms < 1000 else -2 if ms < 10000 else -3
    return int(round(ms, digits))


def merged(folder: Path) -> dict[str, dict[str, Counter]]:
    """{group: {"statuses": Counter, "times": Counter(ms -> count)}} over every process."""
    result: dict[str, dict[str, Counter]] = {}
    for path in sorted(Path(folder).glob(FILE_GLOB)):
        data = json.loads(path.read_text())
        for part in ("statuses", "times"):
            for group, counts in data[part].items():
                slot = result.setdefault(group, {"statuses": Counter(), "times": Counter()})
                slot[part].update({(int(float(k)) if part == "times" else k): v
                                   for k, v in counts.items()})
    return result
