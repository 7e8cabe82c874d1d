"""Every objective measured over one window and judged, with Locust's numbers beside it."""
from __future__ import annotations

from collections import Counter

from prometheus_api_client import PrometheusConnect

from harness.gate.crosscheck import crosscheck
from harness.gate.judge import judge
from harness.gate.policy import GatePolicy
from harness.gateresult import ObjectiveResult
from harness.slo.measure import measure
from harness.slo.spec import Objective


def evaluate(client: PrometheusConnect, objectives: list[Objective], start: float,
             settled: float, policy: GatePolicy,
             baseline: dict[str, ObjectiveResult] | None = None,
             counts: dict[str, dict[str, Counter]] | None = None,
             samples: tuple[dict, dict] = ({}, {})) -> list[ObjectiveResult]:
    """Judge each objective over [start, settled]; `baseline` maps names to earlier results,
    `samples` holds this run's and the baseline's request durations by request class."""
    return [judge(objective, measure(client, objective, start, settled), policy,
                  (baseline or {}).get(objective.name),
                  crosscheck(objective, counts) if counts is not None else None, samples)
            for objective in objectives]
