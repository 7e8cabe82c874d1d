"""Burn-rate alerts of one objective, read from Prometheus' ALERTS series while a fault runs.

Detection waits for a *page* alert of the objective to fire (with short-window rules the
fastest pages on a 1m/5s window pair); recovery waits until every page alert of it has
resolved. Ticket alerts (24m/2m, 72m/6m) take minutes to clear by design and are not waited
for. Before a fault is injected, its objective must have been calm (no page alert) for a
while, so that an alert still flickering from the fault before cannot pass for detection.
"""
from __future__ import annotations

import time

import requests
from prometheus_api_client import PrometheusApiClientException, PrometheusConnect

from harness.slo.rules import ALERT

PAGE = "page"
POLL_S = 0.5
CALM_S = 15


class ProbeError(RuntimeError):
    """Prometheus could not tell which alerts are firing."""


def query(client: PrometheusConnect, promql: str) -> list[dict]:
    """An instant query's result; ProbeError naming the query when Prometheus fails."""
    try:
        return client.custom_query(promql)
    except (PrometheusApiClientException, requests.RequestException) as exc:
        raise ProbeError(f"Prometheus did not answer {promql!r}: {exc}") from exc


def selector(objective: str | None = None) -> str:
    """The firing page burn alerts (of one objective, or of all)."""
    only = f',slo="{objective}"' if objective else ""
    return f'ALERTS{{alertname="{ALERT}",alertstate="firing",severity="{PAGE}"{only}}}'


def firing(client: PrometheusConnect, objective: str, within_s: float = 0) -> list[str]:
    """The page alerts of `objective` firing now (or at any time in the last `within_s`),
    as `page 1m/5s`."""
    promql = selector(objective)
    if within_s:
        promql = (f"max by (severity, long_window, short_window) "
                  f"(max_over_time({promql}[{max(1, round(within_s))}s]))")
    return sorted(f"{r['metric'].get('severity')} {r['metric'].get('long_window')}/"
                  f"{r['metric'].get('short_window')}" for r in query(client, promql))


def fired_during(client: PrometheusConnect, seconds: float) -> list[str]:
    """Page alerts of any objective that fired at some point in the last `seconds`."""
    promql = (f"max by (slo, long_window, short_window) "
              f"(max_over_time({selector()}[{max(1, round(seconds))}s]))")
    return sorted(f"{r['metric'].get('slo')} {r['metric'].get('long_window')}/"
                  f"{r['metric'].get('short_window')}" for r in query(client, promql))


def wait_firing(client: PrometheusConnect, objective: str, deadline: float) -> list[str] | None:
    """The page alerts of `objective` once one fires, or None at `deadline` (monotonic)."""
    while True:
        found = firing(client, objective)
        if found or time.monotonic() >= deadline:
            return found or None
        time.sleep(POLL_S)


def wait_quiet(client: PrometheusConnect, objective: str, deadline: float,
               calm_s: float = 0) -> list[str]:
    """Wait until no page alert of `objective` fires (nor fired in the last `calm_s`);
    those still firing at `deadline`."""
    while True:
        found = firing(client, objective, calm_s)
        if not found or time.monotonic() >= deadline:
            return found
        time.sleep(POLL_S)
