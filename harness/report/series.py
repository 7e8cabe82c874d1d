"""Time series for the report's plots, from Prometheus range queries over the load window.

Panels: the rate of every objective measured at the edge (all requests, checkouts), the
p50/p95/p99 of every latency objective, the bad-event ratio of every ratio objective, and
RED per service from the metrics contract (astroshop_http_requests_total and
astroshop_http_request_duration_seconds, shop/common/metrics.py).
"""
from __future__ import annotations

from datetime import datetime, timezone

import requests
import yaml
from prometheus_api_client import PrometheusApiClientException, PrometheusConnect

from harness.load.naming import groups_of
from harness.slo import durations
from harness.slo.measure import QUANTILES, MeasureError
from harness.slo.spec import Objective

REQUESTS = "astroshop_http_requests_total"
DURATION = "astroshop_http_request_duration_seconds_bucket"


def scrape_interval(client: PrometheusConnect) -> float:
    """The global scrape interval of the Prometheus behind `client`, in seconds."""
    try:
        response = requests.get(f"{client.url}/api/v1/status/config", timeout=10)
        response.raise_for_status()
        config = yaml.safe_load(response.json()["data"]["yaml"])
    except (requests.RequestException, KeyError, ValueError) as exc:
        raise MeasureError(f"could not read the configuration of {client.url}: {exc}") from exc
    return float(durations.seconds(config.get("global", {}).get("scrape_interval", "1m")))


def summed_rate(selector: str, window: str) -> str:
    """PromQL: the per-second rate of every series of `selector`, summed."""
    return f"sum(rate({selector}[{window}]))"


def panels(objectives: list[Objective], rate_window: str) -> dict[str, dict[str, str]]:
    """{panel: {line label: PromQL}} for every plot of the report."""
    found: dict[str, dict[str, str]] = {"throughput": {}, "errors": {}}
    for o in objectives:
        good, total = (s.render() for s in o.sli.selectors())
        if groups_of(o):
            found["throughput"][f"{o.name} events"] = summed_rate(total, rate_window)
        if o.sli.latency is None:
            found["errors"][o.name] = (f"1 - {summed_rate(good, rate_window)} / "
                                       f"{summed_rate(total, rate_window)}")
            continue
        bucket = f"{o.sli.latency.histogram}_bucket{o.sli.latency.selector}"
        scale = "* 1000" if o.sli.latency.unit == "s" else ""
        found[f"latency:{o.name}"] = {
            name: f"histogram_quantile({q}, sum by (le) (rate({bucket}[{rate_window}]))) {scale}"
            for name, q in QUANTILES.items()}
    found["service requests/s"] = {"by service": f"sum by (service) (rate({REQUESTS}[{rate_window}]))"}
    found["service 5xx ratio"] = {"by service": (
        f'sum by (service) (rate({REQUESTS}{{status=~"5.."}}[{rate_window}])) / '
        f"sum by (service) (rate({REQUESTS}[{rate_window}]))")}
    found["service p95 ms"] = {"by service": (
        f"histogram_quantile(0.95, sum by (service, le) (rate({DURATION}[{rate_window}]))) * 1000")}
    return found


def points(client: PrometheusConnect, promql: str, start: float, end: float, step: float,
           origin: float) -> dict[str, list[tuple[float, float]]]:
    """{series label: [(seconds since origin, value)]}; a `service` label names the series."""
    try:
        result = client.custom_query_range(
            promql, start_time=datetime.fromtimestamp(start, timezone.utc),
            end_time=datetime.fromtimestamp(end, timezone.utc), step=f"{step:g}s")
    except (PrometheusApiClientException, requests.RequestException) as exc:
        raise MeasureError(f"Prometheus could not answer {promql!r}: {exc}") from exc
    lines = {}
    for series in result:
        label = series["metric"].get("service", "")
        values = [(float(t) - origin, float(v)) for t, v in series["values"]]
        lines[label] = [(t, v) for t, v in values if v == v and abs(v) != float("inf")]
    return lines


def fetch(client: PrometheusConnect, objectives: list[Objective], start: float,
          end: float, origin: float) -> dict[str, dict[str, list[tuple[float, float]]]]:
    """Every panel's lines over [start, end], time in seconds since `origin`."""
    interval = scrape_interval(client)
    step = max(interval, (end - start) / 300)
    window = durations.text(max(4, round(4 * interval)))
    result: dict[str, dict[str, list[tuple[float, float]]]] = {}
    for panel, queries in panels(objectives, window).items():
        lines: dict[str, list[tuple[float, float]]] = {}
        for label, promql in queries.items():
            for name, values in points(client, promql, start, end, step, origin).items():
                lines[name or label] = values
        result[panel] = lines
    return result
