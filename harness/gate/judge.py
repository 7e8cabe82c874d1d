"""Judge one objective: its SLI against its target, and its p95 against a baseline's."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from harness.gate.policy import CANNOT_JUDGE, FAIL, PASS, WARNING, GatePolicy, worst
from harness.slo.measure import Measurement
from harness.slo.spec import Objective


@dataclass
class Check:
    """One criterion of an objective and how it came out."""

    name: str
    status: str
    detail: str


@dataclass
class ObjectiveResult:
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
    checks: list[Check] = field(default_factory=list)
    locust: dict | None = None

    def as_dict(self) -> dict:
        """A JSON-ready form."""
        return asdict(self)


def absolute(objective: Objective, m: Measurement, policy: GatePolicy) -> Check:
    """The SLI against the target; cannot judge with fewer than min_events events."""
    if m.total < objective.min_events:
        return Check("target", CANNOT_JUDGE, f"only {m.total:.0f} events in the window; "
                     f"at least {objective.min_events} are needed for a verdict")
    ratio, spent = m.ratio, (1 - m.ratio) / objective.budget
    text = f"{ratio:.4%} good of {m.total:.0f} events (target {objective.target:.2%})"
    if ratio < objective.target:
        return Check("target", FAIL, f"{text}: below target, {spent:.0%} of the error budget")
    if spent > policy.warning_budget_share:
        return Check("target", WARNING, f"{text}: met, but {spent:.0%} of the error budget spent")
    return Check("target", PASS, f"{text}: met, {spent:.0%} of the error budget spent")


def relative(current: Measurement, baseline: dict | None, policy: GatePolicy) -> Check | None:
    """p95 against the baseline run's p95; None when either run has no p95."""
    now = current.percentiles_ms.get("p95")
    before = (baseline or {}).get("percentiles_ms", {}).get("p95")
    if now is None or before is None:
        return None
    limit = max(before * (1 + policy.max_p95_increase), before + policy.p95_noise_ms)
    change = (now - before) / before if before else 0.0
    text = (f"p95 {now:.1f} ms against the baseline's {before:.1f} ms ({change:+.0%}; limit "
            f"+{policy.max_p95_increase:.0%}, and at least +{policy.p95_noise_ms:g} ms)")
    return Check("baseline p95", FAIL if now > limit else PASS, text)


def judge(objective: Objective, m: Measurement, policy: GatePolicy,
          baseline: dict | None = None) -> ObjectiveResult:
    """The objective's result: every check, and the worst of them as its status."""
    latency = objective.sli.latency
    checks = [absolute(objective, m, policy)]
    compared = relative(m, baseline, policy) if checks[0].status != CANNOT_JUDGE else None
    if compared is not None:
        checks.append(compared)
    spent = (1 - m.ratio) / objective.budget if m.ratio is not None else None
    return ObjectiveResult(
        objective.name, objective.description, objective.key, objective.weight,
        objective.target, latency.threshold_ms if latency else None, objective.min_events,
        m.good, m.total, m.ratio, spent, m.percentiles_ms,
        worst([check.status for check in checks]), checks)
