"""How the gate turns measurements into a verdict; every number here is documented in README.

An objective *fails* when its SLI is below its target, is a *warning* when it is met but the
window spent more than `warning_budget_share` of its error budget, and *cannot be judged*
with fewer than its `min_events` events. Scores: pass 1, warning 0.5, fail 0, times the
objective's weight, over the judged objectives (Keptn's quality-gate scoring). The gate
fails when a key objective fails or the score is under `warning_score`; it cannot judge
when nothing failed but an objective could not be judged; it is a warning under
`pass_score` or with any warning; else it passes. The statuses, and the exit code of
each, are the gate result's (harness/gateresult.py).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from harness.gateresult import CANNOT_JUDGE, FAIL, PASS, WARNING

POINTS = {PASS: 1.0, WARNING: 0.5, FAIL: 0.0}


@dataclass(frozen=True)
class GatePolicy:
    """The gate's thresholds: budget share for a warning, total scores, baseline limits."""

    warning_budget_share: float = 0.8
    pass_score: float = 0.9
    warning_score: float = 0.75
    max_p95_increase: float = 0.10
    p95_noise_ms: float = 5.0

    def __post_init__(self):
        """Refuse thresholds that make no sense."""
        if not 0 < self.warning_budget_share <= 1:
            raise ValueError("the warning budget share must be in (0, 1]")
        if not 0 <= self.warning_score <= self.pass_score <= 1:
            raise ValueError("scores must satisfy 0 <= warning score <= pass score <= 1")
        if self.max_p95_increase < 0 or self.p95_noise_ms < 0:
            raise ValueError("baseline limits cannot be negative")

    def as_dict(self) -> dict:
        """A JSON-ready form."""
        return asdict(self)


def worst(statuses: list[str]) -> str:
    """The worst of some objective statuses (fail > cannot judge > warning > pass)."""
    for status in (FAIL, CANNOT_JUDGE, WARNING):
        if status in statuses:
            return status
    return PASS
