"""One step's analysis: canary against stable over the same window, by errors (every attempt
Envoy made to each cluster), latency (every request each cluster served) and the objectives
that concern the service; then the step's decision."""
from __future__ import annotations

from dataclasses import dataclass, field

from harness.envoy.attempts import Attempts
from harness.release.policy import ReleasePolicy
from harness.release.result import EXTEND, GO_ON, ROLL_BACK, STOP
from harness.release.samples import Request
from harness.stats import proportions, shift
from harness.stats.comparison import NO_DATA, UNDERPOWERED, WORSE, Comparison


@dataclass
class Evidence:
    """What a step saw: the attempts, the requests of each side, the objectives' tests."""

    attempts: Attempts
    canary: list[Request]
    stable: list[Request]
    objectives: list[Comparison] = field(default_factory=list)
    reference: str = "same window"
    cached: dict[str, int] = field(default_factory=dict)  # the edge cache's answers, by side


def error_test(evidence: Evidence, policy: ReleasePolicy) -> Comparison:
    """The canary's 5xx ratio of upstream attempts against stable's."""
    a = evidence.attempts
    return proportions.compare("error ratio (upstream attempts)", a.canary_bad, a.canary_total,
                               a.stable_bad, a.stable_total, policy.errors.max_increase,
                               policy.confidence, policy.power)


def latency_test(evidence: Evidence, policy: ReleasePolicy) -> Comparison:
    """The canary's request durations against stable's (Mann-Whitney U, Hodges-Lehmann)."""
    canary = [r.ms for r in evidence.canary]
    stable = [r.ms for r in evidence.stable]
    median = sorted(stable)[len(stable) // 2] if stable else None
    return shift.compare("latency (per request)", canary, stable,
                         policy.latency.tolerance(median), policy.confidence, policy.power)


def decide(errors: Comparison, latency: Comparison, objectives: list[Comparison],
           attempt: int, policy: ReleasePolicy) -> tuple[str, str]:
    """Roll back on any test that found the canary worse; go on when errors and latency
    could have shown a worsening of the policy's size and did not; else extend the step,
    or stop as inconclusive once its extensions are spent."""
    worse = [c for c in (errors, latency, *objectives) if c.verdict == WORSE]
    if worse:
        return ROLL_BACK, "; ".join(f"{c.name}: {c.reason}" for c in worse)
    weak = [c for c in (errors, latency) if c.verdict in (UNDERPOWERED, NO_DATA)]
    if weak:
        why = "; ".join(f"{c.name}: {c.reason}" for c in weak)
        if attempt <= policy.max_extensions:
            return EXTEND, f"extending the step ({attempt} of {policy.max_extensions}): {why}"
        return STOP, f"still inconclusive after {policy.max_extensions} extension(s): {why}"
    return GO_ON, (f"errors and latency within tolerance, with samples that could have seen "
                   f"{errors.mde:.2%} more errors and a {latency.mde:.1f} ms shift")
