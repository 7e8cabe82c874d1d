"""RED per service over the load window: requests, server errors and p95, from Prometheus."""
from __future__ import annotations

from prometheus_api_client import PrometheusConnect

from harness.report.series import DURATION, REQUESTS
from harness.slo.measure import query


def by_service(client: PrometheusConnect, promql: str, at: float) -> dict[str, float]:
    """{service: value} of an instant query grouped by service."""
    values = {}
    for result in query(client, promql, at):
        value = float(result["value"][1])
        values[result["metric"].get("service", "?")] = value if value == value else None
    return values


def red_table(client: PrometheusConnect, start: float, settled: float) -> list[dict]:
    """One row per service: requests, 5xx, their ratio and p95 (ms) over [start, settled]."""
    span = f"{max(1, round((settled - start) * 1000))}ms"
    total = by_service(client, f"sum by (service) (increase({REQUESTS}[{span}]))", settled)
    errors = by_service(
        client, f'sum by (service) (increase({REQUESTS}{{status=~"5.."}}[{span}]))', settled)
    p95 = by_service(client, "histogram_quantile(0.95, sum by (service, le) "
                             f"(increase({DURATION}[{span}]))) * 1000", settled)
    rows = []
    for service in sorted(total):
        count, bad = total[service] or 0.0, errors.get(service) or 0.0
        rows.append({"service": service, "requests": round(count),
                     "errors": round(bad), "error_ratio": bad / count if count else None,
                     "p95_ms": p95.get(service)})
    return rows
