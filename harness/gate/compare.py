"""A run against its baseline run, with the statistics a release uses (harness/stats):

- latency: Mann-Whitney U on the two runs' per-request durations of the objective's request
  class (samples.json of each run), the Hodges-Lehmann shift with its interval; worse when
  significant and beyond max(p95_noise_ms, max_p95_increase x the baseline's median);
- the latency's tail: Fisher's exact test on the share of requests slower than the old p95
  limit (the baseline's p95 plus max(max_p95_increase of it, p95_noise_ms)); worse when that
  share is significantly above the baseline's and over 5 % (this run's p95 past the limit),
  which a shift of the median alone would miss (a slow dependency of some requests);
- bad events: Fisher's exact test on the two runs' bad and total events of the objective;
  worse when significant and beyond the objective's error budget.

Each check says the effect the two samples could have detected (power 0.8): whether the gate
could have seen a regression of the tolerated size. A worse run fails the check; otherwise it
passes, saying so when the samples were too small to see one. Without per-request samples
(a remote target, an older baseline) latency falls back to p95 against p95, and says that.
"""
from __future__ import annotations

import numpy as np

from harness.gate.policy import GatePolicy
from harness.gateresult import FAIL, PASS, Check, ObjectiveResult
from harness.slo.measure import Measurement
from harness.slo.spec import Objective
from harness.stats import proportions, shift
from harness.stats.comparison import WORSE, Comparison

CONFIDENCE, POWER = 0.95, 0.8
TAIL = 0.05  # past the p95 limit: more than this share of requests


def request_class(objective: Objective) -> str | None:
    """The edge request class a latency objective measures (its virtual cluster), if any."""
    _, total = objective.sli.selectors()
    return next((m.value for m in total.matchers
                 if m.label == "envoy_virtual_cluster" and m.op == "="), None)


def check(name: str, test: Comparison) -> Check:
    """A baseline check from a comparison: fails when the run is worse."""
    seen = "could" if test.detectable else "could NOT"
    detail = (f"{test.reason}; this run {seen} have seen a worsening of "
              f"{test.tolerance:.4g} {test.unit} (detectable: "
              f"{'-' if test.mde is None else f'{test.mde:.4g}'})")
    return Check(name=name, status=FAIL if test.verdict == WORSE else PASS, detail=detail,
                 comparison=test)


def p95_check(current: Measurement, baseline: ObjectiveResult,
              policy: GatePolicy) -> Check | None:
    """p95 against the baseline's p95, for runs without per-request samples."""
    now, before = current.percentiles_ms.get("p95"), baseline.percentiles_ms.get("p95")
    if now is None or before is None:
        return None
    limit = max(before * (1 + policy.max_p95_increase), before + policy.p95_noise_ms)
    change = (now - before) / before if before else 0.0
    text = (f"p95 {now:.1f} ms against the baseline's {before:.1f} ms ({change:+.0%}; limit "
            f"+{policy.max_p95_increase:.0%}, and at least +{policy.p95_noise_ms:g} ms); no "
            "per-request samples, so no test and no statement of power")
    return Check(name="baseline p95", status=FAIL if now > limit else PASS, detail=text)


def latency_check(objective: Objective, current: Measurement, baseline: ObjectiveResult,
                  samples: tuple[dict, dict], policy: GatePolicy) -> Check | None:
    """The objective's request durations against the baseline's, else p95 against p95."""
    name = request_class(objective)
    now, before = (side.get(name, []) if name else [] for side in samples)
    if len(now) < 2 or len(before) < 2:
        return p95_check(current, baseline, policy)
    median = sorted(before)[len(before) // 2]
    tolerance = max(policy.p95_noise_ms, policy.max_p95_increase * median)
    return check("baseline latency", shift.compare(
        f"{objective.name} latency", now, before, tolerance, CONFIDENCE, POWER))


def tail_check(objective: Objective, samples: tuple[dict, dict],
               policy: GatePolicy) -> Check | None:
    """The share of requests past the baseline's p95 limit, against the baseline's share."""
    name = request_class(objective)
    now, before = (side.get(name, []) if name else [] for side in samples)
    if len(now) < 2 or len(before) < 2:
        return None
    p95 = float(np.percentile(before, 95))
    limit = max(p95 * (1 + policy.max_p95_increase), p95 + policy.p95_noise_ms)
    slow_now, slow_before = sum(v > limit for v in now), sum(v > limit for v in before)
    test = proportions.compare(
        f"{objective.name} requests over {limit:.1f} ms", slow_now, len(now), slow_before,
        len(before), max(0.0, TAIL - slow_before / len(before)), CONFIDENCE, POWER)
    return check("baseline tail", test)


def events_check(objective: Objective, current: Measurement,
                 baseline: ObjectiveResult) -> Check:
    """The objective's share of bad events against the baseline's."""
    test = proportions.compare(
        f"{objective.name} bad events", round(current.total - current.good),
        round(current.total), round(baseline.total - baseline.good), round(baseline.total),
        objective.budget, CONFIDENCE, POWER)
    return check("baseline bad events", test)


def against(objective: Objective, current: Measurement, baseline: ObjectiveResult,
            samples: tuple[dict, dict], policy: GatePolicy) -> list[Check]:
    """Every baseline check of one objective: latency first (latency objectives), events."""
    found = []
    if objective.sli.latency is not None:
        found.append(latency_check(objective, current, baseline, samples, policy))
        found.append(tail_check(objective, samples, policy))
    found.append(events_check(objective, current, baseline))
    return [c for c in found if c is not None]
