"""The live state of every objective, read from Prometheus: SLI, budget left, burn, alerts.

The numbers are computed from the objectives' own selectors (the same PromQL the rules
record), so they are right whether or not the rule files are loaded; firing alerts come
from the rules Prometheus does evaluate.
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from prometheus_api_client import PrometheusConnect

from harness.slo import derived, durations, policy, rules
from harness.slo.spec import Objective


@dataclass
class ObjectiveStatus:
    """One objective's numbers over its period (None where there were no events)."""

    name: str
    key: bool
    target: float
    period: str
    sli: float | None
    budget_remaining: float | None
    events: float | None
    burn_rates: dict[str, float | None] = field(default_factory=dict)
    firing: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """Plain data for --json."""
        return asdict(self)


def scalar(client: PrometheusConnect, query: str) -> float | None:
    """The single value of an instant query; None when empty or not a number."""
    result = client.custom_query(query)
    if len(result) > 1:
        raise ValueError(f"expected one series from {query!r}, got {len(result)}")
    if not result:
        return None
    value = float(result[0]["value"][1])
    return None if math.isnan(value) or math.isinf(value) else value


def firing_alerts(client: PrometheusConnect) -> dict[str, list[str]]:
    """Firing burn alerts by objective, as 'page 1h/5m'."""
    query = f'ALERTS{{alertname="{rules.ALERT}",alertstate="firing"}}'
    found: dict[str, list[str]] = {}
    for series in client.custom_query(query):
        labels = series["metric"]
        found.setdefault(labels.get("slo", "?"), []).append(
            f"{labels.get('severity')} {labels.get('long_window')}/{labels.get('short_window')}")
    return {name: sorted(alerts) for name, alerts in found.items()}


def objective_status(client: PrometheusConnect, objective: Objective, scale: int,
                     firing: dict[str, list[str]]) -> ObjectiveStatus:
    """Query one objective's SLI, budget, events and burn rates."""
    period = policy.period_window(objective.period_s, scale)
    ratios = {window: scalar(client, rules.error_ratio_expr(objective, window))
              for window in policy.recording_windows(objective.period_s, scale)}
    ratio = ratios[period]
    total = derived.total_rate_expr(objective, period)
    burn = {window: None if value is None else value / objective.budget
            for window, value in ratios.items()}
    return ObjectiveStatus(
        name=objective.name, key=objective.key, target=objective.target, period=period,
        sli=None if ratio is None else 1 - ratio,
        budget_remaining=None if ratio is None else 1 - ratio / objective.budget,
        events=scalar(client, f"{total} * {durations.seconds(period)}"),
        burn_rates=burn, firing=firing.get(objective.name, []))


def collect(client: PrometheusConnect, objectives: list[Objective],
            short_window: bool = False) -> list[ObjectiveStatus]:
    """The status of every objective (windows divided by 60 with `short_window`)."""
    scale = policy.SHORT_WINDOW_SCALE if short_window else 1
    firing = firing_alerts(client)
    return [objective_status(client, objective, scale, firing) for objective in objectives]
