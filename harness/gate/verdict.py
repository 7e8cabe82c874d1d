"""The gate's verdict from every objective's result: key objectives, then the total score."""
from __future__ import annotations

from harness.gate.policy import POINTS, GatePolicy
from harness.gateresult import CANNOT_JUDGE, FAIL, PASS, WARNING, ObjectiveResult, Verdict


def score(results: list[ObjectiveResult]) -> float | None:
    """Weighted points of the judged objectives over their weights; None if none was judged."""
    judged = [r for r in results if r.status in POINTS]
    weights = sum(r.weight for r in judged)
    return sum(POINTS[r.status] * r.weight for r in judged) / weights if weights else None


def failing_checks(result: ObjectiveResult, status: str) -> str:
    """The details of an objective's checks that came out as `status`."""
    return "; ".join(check.detail for check in result.checks if check.status == status)


def decide(results: list[ObjectiveResult], policy: GatePolicy, fail_on: str = FAIL) -> Verdict:
    """Apply key objectives, the score thresholds and 'missing data is never a pass'; a
    warning exits as a failure when `fail_on` is WARNING."""
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
        return Verdict.of(CANNOT_JUDGE, None, ["no objectives to judge"])
    if any(r.key and r.status == FAIL for r in results):
        return Verdict.of(FAIL, total, reasons + unjudged + warned)
    if total is not None and total < policy.warning_score:
        low = f"score {total:.0%} is under the {policy.warning_score:.0%} needed"
        return Verdict.of(FAIL, total, [low, *reasons, *unjudged, *warned])
    if unjudged:
        return Verdict.of(CANNOT_JUDGE, total, unjudged + reasons + warned)
    if total < policy.pass_score or warned or reasons:
        return Verdict.of(WARNING, total, reasons + warned, fail_on)
    return Verdict.of(PASS, total, [])
