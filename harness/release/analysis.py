"""One step's analysis: canary against stable over the same window, by errors (every attempt
Envoy made to each cluster), latency (every request each cluster served) and the objectives
that concern the service; then the step's decision."""
from __future__ import annotations

from dataclasses import dataclass, field

from harness.envoy.admin import counters
from harness.envoy.clusters import canary_name
from harness.model.topology import Topology
from harness.release.policy import ReleasePolicy
from harness.release.result import EXTEND, GO_ON, ROLL_BACK, STOP
from harness.release.samples import Request
from harness.stats import proportions, shift
from harness.stats.comparison import NO_DATA, UNDERPOWERED, WORSE, Comparison


@dataclass(frozen=True)
class Attempts:
    """Upstream attempts and their 5xx, canary and stable, from Envoy's cluster counters."""

    canary_bad: int = 0
    canary_total: int = 0
    stable_bad: int = 0
    stable_total: int = 0

    def minus(self, earlier: Attempts) -> Attempts:
        """What happened since `earlier`."""
        return Attempts(*(now - then for now, then in zip(
            (self.canary_bad, self.canary_total, self.stable_bad, self.stable_total),
            (earlier.canary_bad, earlier.canary_total, earlier.stable_bad,
             earlier.stable_total))))


def attempts(topology: Topology, service: str) -> Attempts:
    """Envoy's counters of the service's two clusters now: every attempt (upstream_rq_total)
    and the failed ones, those retried (upstream_rq_retry: Envoy charges a response code only
    to the final answer) and the final 5xx answers."""
    canary = canary_name(service)
    found = counters(topology, rf"^cluster\.({service}|{canary})\.upstream_rq_(5xx|total|retry)$")

    def value(cluster: str, *names: str) -> int:
        """The sum of some of a cluster's upstream_rq_ counters (0 for one not made yet)."""
        return sum(found.get(f"cluster.{cluster}.upstream_rq_{name}", 0) for name in names)

    return Attempts(value(canary, "5xx", "retry"), value(canary, "total"),
                    value(service, "5xx", "retry"), value(service, "total"))


@dataclass
class Evidence:
    """What a step saw: the attempts, the requests of each side, the objectives' tests."""

    attempts: Attempts
    canary: list[Request]
    stable: list[Request]
    objectives: list[Comparison] = field(default_factory=list)
    reference: str = "same window"


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
