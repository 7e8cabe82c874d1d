"""Locust's numbers beside each objective: a cross-check, never part of the verdict.

An objective measured on an Envoy virtual cluster (`envoy_virtual_cluster="api"`) is set
beside Locust's requests of the same edge class; one measured on the whole public listener
beside all of Locust's requests; a service's own objective has no Locust counterpart.
"""
from __future__ import annotations

from collections import Counter

from harness.load.naming import groups_of
from harness.slo.spec import Objective


def percentile(times: Counter, q: float) -> float | None:
    """The smallest response time with at least a share `q` of requests at or under it."""
    count = sum(times.values())
    if not count:
        return None
    seen = 0
    for ms in sorted(times):
        seen += times[ms]
        if seen >= q * count:
            return float(ms)
    return float(max(times))


def crosscheck(objective: Objective, counts: dict[str, dict[str, Counter]]) -> dict | None:
    """Locust's requests, good share (non-5xx, or under the threshold) and p95 for it."""
    groups = groups_of(objective)
    if not groups:
        return None
    statuses, times = Counter(), Counter()
    for group in groups:
        statuses.update(counts.get(group, {}).get("statuses", Counter()))
        times.update(counts.get(group, {}).get("times", Counter()))
    requests = sum(statuses.values())
    latency = objective.sli.latency
    if latency is not None:
        good = sum(n for ms, n in times.items() if ms <= latency.threshold_ms)
    else:
        good = requests - statuses.get("5xx", 0) - statuses.get("no response", 0)
    return {"classes": list(groups), "requests": requests,
            "good_ratio": good / requests if requests else None,
            "p95_ms": percentile(times, 0.95)}
