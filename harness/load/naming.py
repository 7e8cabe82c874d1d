"""Request names in Locust's statistics, grouped like Envoy's virtual clusters at the edge.

Envoy's public virtual host sorts requests into the model's request classes (checkout, api,
storefront: harness/model/edge.py); the SLOs are measured on those classes. Each Locust
request name starts with the same class, so Locust's numbers can be set beside the
objectives measured from Prometheus.
"""
from __future__ import annotations

from harness.model.edge import class_names, request_class

GROUPS = class_names()


def request_name(method: str, template: str) -> str:
    """`[class] /path/template`: ids are written as [id], so names stay few."""
    return f"[{request_class(method, template)}] {template}"


def group_of(name: str) -> str | None:
    """The class a request name was given by request_name, or None for other names."""
    if name.startswith("[") and "]" in name:
        group = name[1:name.index("]")]
        return group if group in GROUPS else None
    return None
