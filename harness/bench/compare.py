"""`astroshop bench --compare FILE`: each figure of a saved bench.json beside this run's.

A report is flattened into named figures (every side's requests/s, every ratio, cold start,
memory, the breakpoint); figures are matched by name, and one present on a single side is
shown with the other side empty rather than dropped.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FIGURES = ("cold_start_s", "rss_mb", "pss_mb", "breakpoint_users")


class CompareError(ValueError):
    """The saved file is not a bench report; the message says why."""


@dataclass(frozen=True)
class Change:
    """One figure before and after (None where a side lacks it)."""

    name: str
    before: float | None
    after: float | None

    @property
    def percent(self) -> float | None:
        """The change relative to before, in percent; None without both sides or from 0."""
        if self.before is None or self.after is None or self.before == 0:
            return None
        return (self.after - self.before) / abs(self.before) * 100


def figures(report: dict) -> dict[str, float]:
    """{name: value} of every figure a bench report holds, in the report's order."""
    found: dict[str, float] = {}
    for name, pair in report.get("throughput", {}).items():
        for label, side in pair.get("sides", {}).items():
            found[f"{name}: {label} req/s"] = side["rps"]
        found[f"{name}: ratio"] = pair["ratio"]
    found.update({key: report[key] for key in FIGURES
                  if isinstance(report.get(key), (int, float))})
    return found


def changes(before: dict, after: dict) -> list[Change]:
    """Every figure of either report, after's order first, then those only before has."""
    old, new = figures(before), figures(after)
    names = list(new) + [name for name in old if name not in new]
    return [Change(name, old.get(name), new.get(name)) for name in names]


def load(path: Path) -> dict:
    """A saved bench.json; CompareError naming the file when it is none."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CompareError(f"{path}: cannot read a bench report ({exc})") from exc
    if not isinstance(report, dict) or not figures(report):
        raise CompareError(f"{path}: no bench figures in it (not a bench.json?)")
    return report


def shown(change: Change) -> str:
    """'+12.5 %', '-3.0 %', or 'new' / 'gone' / '' where no percentage applies."""
    if change.before is None:
        return "new"
    if change.after is None:
        return "gone"
    return "" if change.percent is None else f"{change.percent:+.1f} %"
