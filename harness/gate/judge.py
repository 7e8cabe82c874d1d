"""Judge one objective: its SLI against its target, and against a baseline run
(harness/gate/compare.py: the statistics a release uses)."""
from __future__ import annotations

from harness.gate.compare import against
from harness.gate.policy import GatePolicy, worst
from harness.gateresult import CANNOT_JUDGE, FAIL, PASS, WARNING, Check, ObjectiveResult
from harness.slo.measure import Measurement
from harness.slo.spec import Objective


def absolute(objective: Objective, m: Measurement, policy: GatePolicy) -> Check:
    """The SLI against the target; cannot judge with fewer than min_events events."""
    if m.total < objective.min_events:
        return Check(name="target", status=CANNOT_JUDGE,
                     detail=f"only {m.total:.0f} events in the window; at least "
                            f"{objective.min_events} are needed for a verdict")
    ratio, spent = m.ratio, (1 - m.ratio) / objective.budget
    text = f"{ratio:.4%} good of {m.total:.0f} events (target {objective.target:.2%})"
    if ratio < objective.target:
        status, text = FAIL, f"{text}: below target, {spent:.0%} of the error budget"
    elif spent > policy.warning_budget_share:
        status, text = WARNING, f"{text}: met, but {spent:.0%} of the error budget spent"
    else:
        status, text = PASS, f"{text}: met, {spent:.0%} of the error budget spent"
    return Check(name="target", status=status, detail=text)


def judge(objective: Objective, m: Measurement, policy: GatePolicy,
          baseline: ObjectiveResult | None = None, locust: dict | None = None,
          samples: tuple[dict, dict] = ({}, {})) -> ObjectiveResult:
    """The objective's result: every check, and the worst of them as its status; Locust's
    numbers (`locust`) ride along beside it. `samples`: this run's and the baseline's
    per-request durations by request class."""
    latency = objective.sli.latency
    checks = [absolute(objective, m, policy)]
    if baseline is not None and checks[0].status != CANNOT_JUDGE and baseline.total > 0:
        checks.extend(against(objective, m, baseline, samples, policy))
    spent = (1 - m.ratio) / objective.budget if m.ratio is not None else None
    return ObjectiveResult(
        name=objective.name, description=objective.description, key=objective.key,
        weight=objective.weight, target=objective.target,
        threshold_ms=latency.threshold_ms if latency else None,
        min_events=objective.min_events, good=m.good, total=m.total, ratio=m.ratio,
        budget_spent=spent, percentiles_ms=m.percentiles_ms,
        status=worst([check.status for check in checks]), checks=tuple(checks), locust=locust)
