"""The gate's result: typed, written once to gate.json, and read back only through `read`.

Every reader (the report, `astroshop report`, the baselines, the fault matrix) gets the same
frozen objects, so none can change what the gate said or read a key the gate never wrote.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from harness.exits import Exit
from harness.stats.comparison import Comparison

PASS, WARNING, FAIL, CANNOT_JUDGE = "pass", "warning", "fail", "cannot judge"
EXIT_CODES = {PASS: Exit.OK, WARNING: Exit.WARNING, FAIL: Exit.FAILED,
              CANNOT_JUDGE: Exit.CANNOT_JUDGE}
FAIL_ON = (FAIL, WARNING)  # the verdicts `--fail-on` may make exit 1
GATE_FILE = "gate.json"


class GateFileError(ValueError):
    """A run folder has no gate.json, or one that is not a gate result."""


class Frozen(BaseModel):
    """A part of gate.json: immutable, and refusing keys it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Check(Frozen):
    """One criterion of an objective and how it came out."""

    name: str
    status: str
    detail: str
    comparison: Comparison | None = None  # a baseline check's test: effect, interval, power


class ObjectiveResult(Frozen):
    """An objective's numbers over the window and its status."""

    name: str
    description: str
    key: bool
    weight: float
    target: float
    threshold_ms: float | None
    min_events: int
    good: float
    total: float
    ratio: float | None
    budget_spent: float | None
    percentiles_ms: dict[str, float | None]
    status: str = PASS
    checks: tuple[Check, ...] = ()
    locust: dict[str, Any] | None = None  # Locust's numbers beside it, never part of a verdict


class Verdict(Frozen):
    """Pass, warning, fail or cannot judge; the score; the reasons, worst first; the exit."""

    status: str
    score: float | None
    reasons: tuple[str, ...] = ()
    exit_code: int

    @classmethod
    def of(cls, status: str, score: float | None, reasons=(), fail_on: str = FAIL) -> Verdict:
        """The verdict with its exit code: a warning exits 1 when `fail_on` is a warning."""
        code = Exit.FAILED if status == WARNING and fail_on == WARNING else EXIT_CODES[status]
        return cls(status=status, score=score, reasons=tuple(reasons), exit_code=int(code))


class BaselineRef(Frozen):
    """The earlier run the gate compared with."""

    run_id: str
    status: str | None


class GateResult(Frozen):
    """Everything gate.json holds about one gate run."""

    run_id: str
    kind: str = "gate"
    profile: str
    target: str = ""
    prometheus: str = ""
    started: str = ""
    settings: dict[str, Any] = {}
    plan: dict[str, Any] = {}
    policy: dict[str, Any] = {}
    fail_on: str = FAIL
    window: dict[str, Any] | None = None
    baseline: BaselineRef | None = None
    objectives: tuple[ObjectiveResult, ...] = ()
    services: tuple[dict[str, Any], ...] = ()
    locust: dict[str, Any] | None = None
    breakpoint: dict[str, Any] | None = None
    files: dict[str, Any] = {}
    verdict: Verdict
    wall_time_s: float = 0.0

    def objective(self, name: str) -> ObjectiveResult | None:
        """The result of the objective called `name`, if the gate judged one."""
        return next((o for o in self.objectives if o.name == name), None)

    def statuses(self) -> dict[str, str]:
        """Every objective's status, by name."""
        return {o.name: o.status for o in self.objectives}


def write(folder: Path, result: GateResult) -> Path:
    """Write gate.json into `folder`; its path."""
    path = Path(folder) / GATE_FILE
    path.write_text(result.model_dump_json(indent=2))
    return path


def read(folder: Path) -> GateResult:
    """The gate result kept in a run folder; GateFileError naming the file otherwise."""
    path = Path(folder) / GATE_FILE
    try:
        return GateResult.model_validate_json(path.read_text())
    except OSError as exc:
        raise GateFileError(f"{path}: no gate report there ({exc.strerror}); "
                            "`astroshop report list` shows the runs") from exc
    except ValidationError as exc:
        raise GateFileError(f"{path}: not a gate result: {exc}") from exc
