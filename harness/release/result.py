"""A release's result: typed, written to release.json (and, while it runs, to the service's
release directory for `astroshop release status`), read back only through `read`."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from harness.exits import Exit
from harness.stats.comparison import Comparison

PROMOTED, ROLLED_BACK, INCONCLUSIVE, RUNNING = "promoted", "rolled back", "inconclusive", \
    "running"
GO_ON, ROLL_BACK, EXTEND, STOP = "go on", "roll back", "extend", "stop: inconclusive"
EXIT_CODES = {PROMOTED: Exit.OK, ROLLED_BACK: Exit.FAILED, INCONCLUSIVE: Exit.CANNOT_JUDGE,
              RUNNING: Exit.CANNOT_JUDGE}
RELEASE_FILE = "release.json"


class Frozen(BaseModel):
    """A part of release.json: immutable, refusing keys it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Step(Frozen):
    """One step as judged (after its last extension): the split, the window, every test."""

    index: int
    weight: int  # the canary's share, percent
    attempts: int
    start: float
    end: float
    canary_requests: int
    stable_requests: int
    reference: str  # "same window", or where the stable sample came from at 100 %
    errors: Comparison
    latency: Comparison
    objectives: tuple[Comparison, ...] = ()
    decision: str
    reason: str
    # requests the edge's cache answered in the step's window, by the cluster their route had
    # chosen ("canary", "stable"): they reached no replica, so they are in neither sample
    cached: dict[str, int] = {}
    load: dict[str, Any] = {}


class BudgetUse(Frozen):
    """What the release window cost a shop-wide objective: bad events against those its
    target allows over the same events (a share above 1 burned faster than the SLO allows),
    and the canary's excess bad events (beyond stable's ratio) against the same allowance."""

    objective: str
    bad: float
    total: float
    allowed: float
    share: float | None
    canary_excess: float
    canary_share: float | None


class ReleaseResult(Frozen):
    """Everything release.json holds about one release."""

    run_id: str
    kind: str = "release"
    service: str
    source: str
    stable_version: str
    canary_version: str
    canary_commit: str
    policy: dict[str, Any]
    started: float
    steps: tuple[Step, ...] = ()
    decision: str
    reason: str
    exit_code: int
    budget: tuple[BudgetUse, ...] = ()
    canary_logs: tuple[str, ...] = ()
    wall_time_s: float = 0.0

    @property
    def detectable(self) -> dict[str, float | None]:
        """The detectable effect of the last judged step's error and latency tests."""
        last = self.steps[-1] if self.steps else None
        return {"errors": last.errors.mde if last else None,
                "latency_ms": last.latency.mde if last else None}


def write(path: Path, result: ReleaseResult) -> Path:
    """Write the result as JSON to `path` (atomically: a rename over the old file)."""
    path = Path(path)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(result.model_dump_json(indent=2))
    temporary.replace(path)
    return path


def read(path: Path) -> ReleaseResult:
    """A release result from its JSON file."""
    return ReleaseResult.model_validate_json(Path(path).read_text())
