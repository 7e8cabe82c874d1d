"""What the rules cost Prometheus: rule-group evaluation times from its own metrics."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from prometheus_api_client import PrometheusConnect

GROUP_PREFIX = "slo:"


@dataclass(frozen=True)
class GroupCost:
    """One rule group: rules, mean and worst evaluation time over the window, samples out."""

    group: str
    rules: int
    mean_ms: float
    max_ms: float
    samples: int


@dataclass(frozen=True)
class CostReport:
    """Every SLO rule group's cost over `window`, the sums, and Prometheus's own quantiles."""

    window: str
    groups: list[GroupCost]
    rule_eval_quantiles_ms: dict[str, float]
    group_eval_quantiles_ms: dict[str, float]

    @property
    def total_mean_ms(self) -> float:
        """The mean time one evaluation of every SLO group takes, summed over groups."""
        return sum(group.mean_ms for group in self.groups)

    @property
    def total_rules(self) -> int:
        """Rules across every SLO group."""
        return sum(group.rules for group in self.groups)

    def as_dict(self) -> dict:
        """JSON-ready form, sums included."""
        return {**asdict(self), "total_mean_ms": round(self.total_mean_ms, 3),
                "total_rules": self.total_rules}


def _by_group(client: PrometheusConnect, query: str) -> dict[str, float]:
    """An instant query's values keyed by the group name (the part after `file;`)."""
    found = {}
    for item in client.custom_query(query):
        group = item["metric"].get("rule_group", "").split(";")[-1]
        if group.startswith(GROUP_PREFIX):
            found[group] = float(item["value"][1])
    return found


def _quantiles(client: PrometheusConnect, metric: str) -> dict[str, float]:
    """The quantiles of one of Prometheus's summaries, in milliseconds."""
    return {item["metric"]["quantile"]: round(float(item["value"][1]) * 1000, 3)
            for item in client.custom_query(metric)
            if item["value"][1] not in ("NaN", "+Inf")}


def collect(client: PrometheusConnect, window: str = "5m") -> CostReport:
    """Each SLO group's evaluation time averaged (and its worst) over the last `window`."""
    last = "prometheus_rule_group_last_duration_seconds"
    mean = _by_group(client, f"avg_over_time({last}[{window}])")
    worst = _by_group(client, f"max_over_time({last}[{window}])")
    rules = _by_group(client, "prometheus_rule_group_rules")
    samples = _by_group(client, "prometheus_rule_group_last_evaluation_samples")
    groups = [GroupCost(name, int(rules.get(name, 0)), round(mean[name] * 1000, 3),
                        round(worst.get(name, 0.0) * 1000, 3), int(samples.get(name, 0)))
              for name in sorted(mean)]
    return CostReport(window, groups,
                      _quantiles(client, "prometheus_rule_evaluation_duration_seconds"),
                      _quantiles(client, "prometheus_rule_group_duration_seconds"))
