"""Prometheus durations ("5m", "1h", "30d") to seconds and back."""
from __future__ import annotations

import re

UNITS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60, "s": 1}
DURATION = re.compile(r"^([1-9][0-9]*)([wdhms])$")


def seconds(duration: str) -> int:
    """Seconds in a one-unit Prometheus duration such as "30d"; ValueError otherwise."""
    match = DURATION.match(duration)
    if not match:
        raise ValueError(f"{duration!r} is not a duration such as 5m, 1h or 30d")
    return int(match.group(1)) * UNITS[match.group(2)]


def text(total: int) -> str:
    """The shortest one-unit Prometheus duration of a whole number of seconds (>= 1)."""
    if total < 1 or total != int(total):
        raise ValueError(f"a window must be a whole number of seconds >= 1, got {total}")
    unit = next(u for u in ("d", "h", "m", "s") if total % UNITS[u] == 0)
    return f"{total // UNITS[unit]}{unit}"
