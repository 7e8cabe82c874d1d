"""Reading flag values outside the services: the load generator consults homepageFlood here.

Locust users run under gevent, so this reader does not go through OpenFeature (nor the
shop's app context); it reads the same live file, again only when its modification time moves,
and serves each flag's default variant, which is all `astroshop fault set` ever writes.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from harness.stack.runner import Stack

HOMEPAGE_FLOOD = "homepageFlood"


class FlagReader:
    """The current value of each flag in one flag file; cheap enough to call per task."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.mtime_ns = -1
        self.values: dict[str, object] = {}
        self.lock = threading.Lock()

    @classmethod
    def of(cls, stack: Stack) -> FlagReader:
        """The reader of a stack's live file."""
        return cls(stack.paths.flags)

    def _refresh(self) -> None:
        """Re-read the file when it changed; a missing or half-written file keeps the last values."""
        try:
            mtime_ns = os.stat(self.path).st_mtime_ns
            if mtime_ns == self.mtime_ns:
                return
            flags = json.loads(self.path.read_text(encoding="utf-8"))["flags"]
        except (OSError, ValueError, KeyError, TypeError):
            return
        values = {}
        for name, flag in flags.items():
            if flag.get("state") == "ENABLED":
                values[name] = flag.get("variants", {}).get(flag.get("defaultVariant"))
        with self.lock:
            self.values, self.mtime_ns = values, mtime_ns

    def value(self, name: str, default: object = None) -> object:
        """Flag `name`'s value now, or `default` when the flag is absent, disabled or unset."""
        self._refresh()
        value = self.values.get(name)
        return default if value is None else value

    def number(self, name: str) -> float:
        """A numeric flag's value; 0 when absent or not a number."""
        value = self.value(name, 0)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
            else 0.0

    def homepage_flood(self) -> int:
        """How many extra home-page requests each user task should send (0: no flood)."""
        return max(0, int(self.number(HOMEPAGE_FLOOD)))
