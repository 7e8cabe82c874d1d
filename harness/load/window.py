"""The load window: when the load started, when each stage began, and when it ended.

Locust's master (or its only process) appends one JSON line per event to the file named in
the load settings; the launcher reads them back once every Locust process has exited.
"""
from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class StageMark:
    """A stage of the plan began at `t` (epoch seconds) with this many users and rate."""

    index: int
    t: float
    users: int
    rate: float


@dataclass
class LoadWindow:
    """[start, end] in epoch seconds, the stages inside it, and why the load stopped early."""

    start: float
    end: float
    stages: list[StageMark] = field(default_factory=list)
    stopped_early: str = ""

    @property
    def seconds(self) -> float:
        """The window's length."""
        return self.end - self.start

    def stage_windows(self) -> list[tuple[StageMark, float, float]]:
        """Each stage with its own [start, end]: up to the next stage, or the window's end."""
        ends = [mark.t for mark in self.stages[1:]] + [self.end]
        return [(mark, mark.t, end) for mark, end in zip(self.stages, ends)]

    def as_dict(self) -> dict:
        """A JSON-ready form."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> LoadWindow:
        """The inverse of as_dict."""
        marks = [StageMark(**mark) for mark in data.get("stages", [])]
        return cls(data["start"], data["end"], marks, data.get("stopped_early", ""))


def record(path: str, event: str, **fields) -> None:
    """Append one event with the current time to the window file (nothing if none is set)."""
    if not path:
        return
    with open(path, "a", encoding="utf-8") as out:
        out.write(json.dumps({"event": event, "t": time.time(), **fields}) + "\n")


def events(path: Path) -> list[dict]:
    """Every event recorded so far in the window file (none if it does not exist yet)."""
    path = Path(path)
    if not path.exists():
        return []
    complete = path.read_text().split("\n")[:-1]  # a line still being written has no newline
    return [json.loads(line) for line in complete if line]


def started(path: Path) -> float | None:
    """When the load began (epoch seconds), once Locust has recorded it."""
    return next((e["t"] for e in events(path) if e["event"] == "start"), None)


def read(path: Path, ended_at: float) -> LoadWindow:
    """The window recorded in `path`, ending at `ended_at`; ValueError if the load never began."""
    recorded = events(path)
    starts = [e["t"] for e in recorded if e["event"] == "start"]
    if not starts:
        raise ValueError("the load never started (Locust recorded no test start); "
                         "see locust.log in the report folder")
    marks = [StageMark(e["index"], e["t"], e["users"], e["rate"])
             for e in recorded if e["event"] == "stage"]
    early = next((e["reason"] for e in recorded if e["event"] == "stopped-early"), "")
    return LoadWindow(min(starts + [mark.t for mark in marks[:1]]), ended_at, marks, early)
