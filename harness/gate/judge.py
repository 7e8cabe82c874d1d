"""Judge one objective: its SLI against its target, and its p95 against a baseline's."""
from __future__ import annotations

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


def relative(current: Measurement, baseline: ObjectiveResult | None,
             policy: GatePolicy) -> Check | None:
    """p95 against the baseline run's p95; None when either run has no p95."""
    now = current.percentiles_ms.get("p95")
    before = baseline.percentiles_ms.get("p95") if baseline else None
    if now is None or before is None:
        return None
    limit = max(before * (1 + policy.max_p95_increase), before + policy.p95_noise_ms)
    change = (now - before) / before if before else 0.0
    text = (f"p95 {now:.1f} ms against the baseline's {before:.1f} ms ({change:+.0%}; limit "
            f"+{policy.max_p95_increase:.0%}, and at least +{policy.p95_noise_ms:g} ms)")
    return Check(name="baseline p95", status=FAIL if now > limit else PASS, detail=text)


def judge(objective: Objective, m: Measurement, policy: GatePolicy,
          baseline: ObjectiveResult | None = None, locust: dict | None = None) -> ObjectiveResult:
    """The objective's result: every check, and the worst of them as its status; Locust's
    numbers (`locust`) ride along beside it."""
    latency = objective.sli.latency
    checks = [absolute(objective, m, policy)]
    compared = relative(m, baseline, policy) if checks[0].status != CANNOT_JUDGE else None
    if compared is not None:
        checks.append(compared)
    spent = (1 - m.ratio) / objective.budget if m.ratio is not None else None
    return ObjectiveResult(
        name=objective.name, description=objective.description, key=objective.key,
        weight=objective.weight, target=objective.target,
        threshold_ms=latency.threshold_ms if latency else None,
        min_events=objective.min_events, good=m.good, total=m.total, ratio=m.ratio,
        budget_spent=spent, percentiles_ms=m.percentiles_ms,
        status=worst([check.status for check in checks]), checks=tuple(checks), locust=locust)
