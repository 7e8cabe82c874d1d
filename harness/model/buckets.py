"""Latency histogram buckets, and which histogram an objective's threshold must be a bound of.

Envoy's buckets are set here and rendered into its bootstrap. The services' histogram is
declared by the services themselves (shop/common/metrics.py, in seconds); a unit test checks
that every latency threshold of slo/*.yaml is a bucket bound of the histogram it reads.
"""
from __future__ import annotations

# Envoy's default histogram buckets (ms) plus 300, the storefront latency objective's threshold.
ENVOY_LATENCY_BUCKETS_MS = (0.5, 1, 5, 10, 25, 50, 100, 250, 300, 500, 1000, 2500, 5000, 10000,
                            30000, 60000)
ENVOY_HISTOGRAM_PREFIX = "envoy_"
SERVICE_HISTOGRAM_PREFIX = "astroshop_"


def owner(histogram: str) -> str:
    """Who declares `histogram`'s buckets: "envoy" or "services"; ValueError otherwise."""
    if histogram.startswith(ENVOY_HISTOGRAM_PREFIX):
        return "envoy"
    if histogram.startswith(SERVICE_HISTOGRAM_PREFIX):
        return "services"
    raise ValueError(f"{histogram}: neither an Envoy ({ENVOY_HISTOGRAM_PREFIX}*) nor a "
                     f"service ({SERVICE_HISTOGRAM_PREFIX}*) histogram")
