"""The gate's verdict from every objective's result: key objectives, then the total score."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from harness.gate.judge import ObjectiveResult
from harness.gate.policy import (CANNOT_JUDGE, EXIT_CODES, FAIL, PASS, POINTS, WARNING,
                                 GatePolicy)


@dataclass
class Verdict:
    """Pass, warning, fail or cannot judge; the score; and the reasons, worst first."""

    status: str
    score: float | None
    reasons: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 pass or warning, 1 fail, 2 cannot judge."""
        return EXIT_CODES[self.status]

    def as_dict(self) -> dict:
        """A JSON-ready form, with the exit code."""
        return {**asdict(self), "exit_code": self.exit_code}


def score(results: list[ObjectiveResult]) -> float | None:
    """Weighted points of the judged objectives over their weights; None if none was judged."""
    judged = [r for r in results if r.status in POINTS]
    weights = sum(r.weight for r in judged)
    return sum(POINTS[r.status] * r.weight for r in judged) / weights if weights else None


def failing_checks(result: ObjectiveResult, status: str) -> str:
    """The details of an objective's checks that came out as `status`."""
    return "; ".join(check.detail for check in result.checks if check.status == status)


def decide(results: list[ObjectiveResult], policy: GatePolicy) -> Verdict:
    """Apply key objectives, the score thresholds and 'missing data is never a pass'."""
    total = score(results)
    reasons = [f"key objective {r.name} failed: {failing_checks(r, FAIL)}"
               for r in results if r.key and r.status == FAIL]
    reasons += [f"objective {r.name} failed: {failing_checks(r, FAIL)}"
                for r in results if not r.key and r.status == FAIL]
    unjudged = [f"objective {r.name} cannot be judged: {failing_checks(r, CANNOT_JUDGE)}"
                for r in results if r.status == CANNOT_JUDGE]
    warned = [f"objective {r.name} is a warning: {failing_checks(r, WARNING)}"
              for r in results if r.status == WARNING]
    if not results:
        return Verdict(CANNOT_JUDGE, None, ["no objectives to judge"])
    if any(r.key and r.status == FAIL for r in results):
        return Verdict(FAIL, total, reasons + unjudged + warned)
    if total is not None and total < policy.warning_score:
        low = f"score {total:.0%} is under the {policy.warning_score:.0%} needed"
        return Verdict(FAIL, total, [low, *reasons, *unjudged, *warned])
    if unjudged:
        return Verdict(CANNOT_JUDGE, total, unjudged + reasons + warned)
    if total < policy.pass_score or warned or reasons:
        return Verdict(WARNING, total, reasons + warned)
    return Verdict(PASS, total, [])
