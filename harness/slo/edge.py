"""Alerts that are no objective's: the public edge down, seen by the probes or the scrape."""
from __future__ import annotations

from harness.slo import durations, runbooks

EDGE_DOWN = "EdgeDown"
CERTIFICATE_EXPIRY = "EdgeCertificateExpiresSoon"
EXPIRY_WARNING_DAYS = 14  # `astroshop certs rotate` (or the next deploy) in good time
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


def certificate_expiry_rule(scale: int = 1) -> dict:
    """The certificate the edge serves expires within EXPIRY_WARNING_DAYS: a ticket."""
    expr = (f'min(probe_ssl_earliest_cert_expiry{{job="{PROBE_JOB}"}}) - time()'
            f' < {EXPIRY_WARNING_DAYS} * 86400')
    return {"alert": CERTIFICATE_EXPIRY, "expr": expr,
            "for": durations.text(max(1, 600 // scale)),
            "labels": {"severity": "ticket", "scope": "edge"},
            "annotations": {
                "summary": f"The edge's certificate expires in under {EXPIRY_WARNING_DAYS} days",
                "description": "Shoppers' browsers will refuse the shop when it expires.",
                "runbook_url": runbooks.url("edge-certificate-expiry")}}


def group(scale: int = 1) -> dict:
    """The rule group of the edge alerts."""
    return {"name": GROUP, "rules": [edge_down_rule(scale), certificate_expiry_rule(scale)]}
