"""An objective's SLI over an exact window [start, end], from Prometheus.

Counts are exact: for every series of a selector, the increase from its last sample at or
before `start` to its samples up to the final scrape after `end`, counter resets included;
a series born inside the window (Envoy creates its 5xx counters at the first 5xx) counts
from zero. That is `increase()` without its extrapolation, and without missing the first
sample of a new series. Latency percentiles come from `histogram_quantile` over `increase`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import requests
from prometheus_api_client import PrometheusApiClientException, PrometheusConnect

from harness.polling import NeverHappened, poll_until
from harness.slo.spec import Objective

ENVOY_STATS_FLUSH_S = 5.0  # Envoy publishes histograms every 5 s (its stats_flush_interval)
QUANTILES = {"p50": 0.5, "p95": 0.95, "p99": 0.99}


class MeasureError(RuntimeError):
    """Prometheus could not answer a query; the message names the query."""


@dataclass(frozen=True)
class Measurement:
    """Good and total events of one objective over a window, and latency percentiles (ms)."""

    good: float
    total: float
    percentiles_ms: dict[str, float | None] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """The share of good events; None without events."""
        return self.good / self.total if self.total > 0 else None


def query(client: PrometheusConnect, promql: str, at: float) -> list[dict]:
    """The result of an instant query at `at`; MeasureError naming the query on failure."""
    try:
        return client.custom_query(promql, params={"time": f"{at:.3f}"})
    except (PrometheusApiClientException, requests.RequestException) as exc:
        raise MeasureError(f"Prometheus could not answer {promql!r}: {exc}") from exc


def labels(result: dict) -> frozenset:
    """A series' identity: its label set."""
    return frozenset(result["metric"].items())


def series_increase(base: float | None, values: list[float]) -> float:
    """A counter's increase from `base` (None: born later, so from 0), through resets."""
    previous, total = base or 0.0, 0.0
    for value in values:
        total += value - previous if value >= previous else value
        previous = value
    return total


def increase(client: PrometheusConnect, selector: str, start: float, settled: float) -> float:
    """Exact increase of every series of `selector` from `start` to the scrape at `settled`."""
    bases = {labels(r): float(r["value"][1]) for r in query(client, selector, start)}
    span_ms = max(1, round((settled - start) * 1000))
    total = 0.0
    for result in query(client, f"{selector}[{span_ms}ms]", settled):
        values = [float(value) for _, value in result["values"]]
        total += series_increase(bases.get(labels(result)), values)
    return total


def percentiles(client: PrometheusConnect, objective: Objective, start: float,
                settled: float) -> dict[str, float | None]:
    """p50, p95 and p99 in ms of a latency objective's histogram over the window."""
    latency = objective.sli.latency
    if latency is None:
        return {}
    bucket = f"{latency.histogram}_bucket{latency.selector}"
    span_ms = max(1, round((settled - start) * 1000))
    scale = 1000.0 if latency.unit == "s" else 1.0
    found = {}
    for name, q in QUANTILES.items():
        promql = f"histogram_quantile({q}, sum by (le) (increase({bucket}[{span_ms}ms])))"
        result = query(client, promql, settled)
        value = float(result[0]["value"][1]) if result else float("nan")
        found[name] = value * scale if value == value else None
    return found


def measure(client: PrometheusConnect, objective: Objective, start: float,
            settled: float) -> Measurement:
    """The objective's good and total events (and percentiles) over [start, settled]."""
    good, total = objective.sli.selectors()
    return Measurement(increase(client, good.render(), start, settled),
                       increase(client, total.render(), start, settled),
                       percentiles(client, objective, start, settled))


def wait_for_final_scrape(client: PrometheusConnect, end: float, timeout: float = 60.0,
                          settle_s: float = ENVOY_STATS_FLUSH_S) -> float:
    """Wait until every target was scraped at least `settle_s` after `end`; return when."""
    after = end + settle_s

    def scraped() -> float | None:
        """Now, if every target's newest sample is past `after`; else None."""
        now = time.time()
        oldest = query(client, "min(timestamp(up))", now)
        return now if oldest and float(oldest[0]["value"][1]) >= after else None

    try:
        return poll_until(scraped, timeout, f"a scrape of every target {settle_s:g} s after "
                          "the load ended", interval=0.5)
    except NeverHappened as exc:
        raise MeasureError(str(exc)) from exc
