"""Alerts that are no objective's: the public edge down, seen by the probes or the scrape."""
from __future__ import annotations

from harness.slo import durations, runbooks

EDGE_DOWN = "EdgeDown"
GROUP = "astroshop:edge"
PROBE_JOB = "synthetic"
FOR_S = 60


def edge_down_rule(scale: int = 1) -> dict:
    """Every synthetic probe failing, or Envoy not scraped, for a minute (scaled): a page."""
    expr = (f'max(probe_success{{job="{PROBE_JOB}"}}) == 0\n'
            'or\nmax(up{job="envoy"}) == 0')
    return {"alert": EDGE_DOWN, "expr": expr, "for": durations.text(max(1, FOR_S // scale)),
            "labels": {"severity": "page", "scope": "edge"},
            "annotations": {
                "summary": "The public edge is down: every synthetic probe fails or Envoy "
                           "is not scraped",
                "description": "Shoppers cannot reach the shop. Per-service pages are held "
                               "back while this fires.",
                "runbook_url": runbooks.url("edge-down")}}


def group(scale: int = 1) -> dict:
    """The rule group of the edge alerts."""
    return {"name": GROUP, "rules": [edge_down_rule(scale)]}
