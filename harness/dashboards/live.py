"""Checks against a live Prometheus: every panel query runs and returns data."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from prometheus_api_client import PrometheusApiClientException, PrometheusConnect

from harness.dashboards.sources import Panel
from harness.dashboards.style import NEEDS_JOB


@dataclass
class LiveReport:
    """What running every query found: how many ran, and the problems."""

    queries: int = 0
    problems: list[str] = field(default_factory=list)


def metric_types(client: PrometheusConnect) -> dict[str, str]:
    """Metric name -> type (counter, gauge, histogram...) from the scraped metadata."""
    return {entry["metric_name"]: entry["type"] for entry in client.get_metric_metadata(None)}


def has_data(result: list[dict]) -> bool:
    """Whether an instant query's result holds at least one finite number."""
    for series in result:
        value = float(series["value"][1])
        if not (math.isnan(value) or math.isinf(value)):
            return True
    return False


def query_problem(client: PrometheusConnect, panel: Panel, query: str) -> str | None:
    """Why one query fails its check (an error, or no data), or None when it passes."""
    try:
        result = client.custom_query(query)
    except PrometheusApiClientException as exc:
        return f"{panel.where}: Prometheus refused the query ({exc}): {query}"
    if not has_data(result):
        return f"{panel.where}: no data (empty or only NaN): {query}"
    return None


def run_all(client: PrometheusConnect, panels: list[Panel]) -> LiveReport:
    """Run every query of every panel at the current time."""
    report = LiveReport()
    for panel in panels:
        for query in panel.queries:
            report.queries += 1
            problem = query_problem(client, panel, query)
            if problem:
                report.problems.append(problem)
    return report


def targets_down(client: PrometheusConnect) -> list[str]:
    """Scrape targets that are not up, as 'job instance: error'."""
    active = client.get_targets(state="active")["activeTargets"]
    return [f"{t['labels'].get('job')} {t['labels'].get('instance')}: "
            f"{t.get('health')} {t.get('lastError', '')}".strip()
            for t in active if t.get("health") != "up"]


def needed_jobs(model: dict) -> list[str]:
    """The Prometheus jobs a dashboard's tags say it shows (`needs-job:postgres`)."""
    return [tag[len(NEEDS_JOB):] for tag in model.get("tags", []) if tag.startswith(NEEDS_JOB)]


def unscraped(client: PrometheusConnect, models: list[dict]) -> dict[str, list[str]]:
    """uid -> the jobs a dashboard needs that this Prometheus has no target of."""
    found = {}
    for model in models:
        missing = [job for job in needed_jobs(model)
                   if not client.custom_query(f'count(up{{job="{job}"}})')]
        if missing:
            found[model["uid"]] = missing
    return found
