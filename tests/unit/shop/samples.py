"""Metric values as Prometheus reads them, never through prometheus_client's private parts."""
from __future__ import annotations

from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families


def sample(name: str, **labels: str) -> float:
    """The in-process value of sample `name` with exactly `labels` (0 before it exists)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


def scraped(client, name: str) -> list[tuple[dict, float]]:
    """Every sample called `name` on the app's /metrics page, as (labels, value)."""
    text = client.get("/metrics").get_data(as_text=True)
    return [(s.labels, s.value) for family in text_string_to_metric_families(text)
            for s in family.samples if s.name == name]
