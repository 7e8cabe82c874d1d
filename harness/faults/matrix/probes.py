"""Burn-rate alerts of one objective, read from Prometheus' ALERTS series while a fault runs.

Detection waits for a *page* alert of the objective to fire (with short-window rules the
fastest pages on a 1m/5s window pair); recovery waits until every page alert of it has
resolved. Ticket alerts (24m/2m, 72m/6m) take minutes to clear by design and are not waited
for.
"""
from __future__ import annotations

import time

import requests
from prometheus_api_client import PrometheusApiClientException, PrometheusConnect

from harness.slo.rules import ALERT

PAGE = "page"
POLL_S = 0.5


class ProbeError(RuntimeError):
    """Prometheus could not tell which alerts are firing."""


def firing(client: PrometheusConnect, objective: str, severity: str = PAGE) -> list[str]:
    """The firing burn alerts of `objective` of that severity, as `page 1m/5s`."""
    query = (f'ALERTS{{alertname="{ALERT}",alertstate="firing",slo="{objective}",'
             f'severity="{severity}"}}')
    try:
        result = client.custom_query(query)
    except (PrometheusApiClientException, requests.RequestException) as exc:
        raise ProbeError(f"Prometheus did not answer {query!r}: {exc}") from exc
    return sorted(f"{r['metric'].get('severity')} {r['metric'].get('long_window')}/"
                  f"{r['metric'].get('short_window')}" for r in result)


def wait_firing(client: PrometheusConnect, objective: str, deadline: float) -> list[str] | None:
    """The page alerts of `objective` once one fires, or None at `deadline` (monotonic)."""
    while True:
        found = firing(client, objective)
        if found or time.monotonic() >= deadline:
            return found or None
        time.sleep(POLL_S)


def wait_quiet(client: PrometheusConnect, objective: str, deadline: float) -> list[str]:
    """Wait until no page alert of `objective` fires; those still firing at `deadline`."""
    while True:
        found = firing(client, objective)
        if not found or time.monotonic() >= deadline:
            return found
        time.sleep(POLL_S)


def fired_during(client: PrometheusConnect, seconds: float) -> list[str]:
    """Page alerts of any objective that fired at some point in the last `seconds`."""
    query = (f'max by (slo, long_window, short_window) (max_over_time(ALERTS{{alertname='
             f'"{ALERT}",alertstate="firing",severity="{PAGE}"}}[{max(1, round(seconds))}s]))')
    try:
        result = client.custom_query(query)
    except (PrometheusApiClientException, requests.RequestException) as exc:
        raise ProbeError(f"Prometheus did not answer {query!r}: {exc}") from exc
    return sorted(f"{r['metric'].get('slo')} {r['metric'].get('long_window')}/"
                  f"{r['metric'].get('short_window')}" for r in result)
