"""Request names in Locust's statistics, grouped like Envoy's virtual clusters at the edge.

Envoy's public virtual host sorts requests into the model's request classes (checkout, api,
storefront: harness/model/edge.py); the SLOs are measured on those classes. Each Locust
request name starts with the same class, so Locust's numbers can be set beside the
objectives measured from Prometheus: an objective measured on an Envoy virtual cluster
(`envoy_virtual_cluster="api"`) covers that class, one on the whole public listener all of them.
"""
from __future__ import annotations

from harness.model.edge import class_names, request_class
from harness.slo.spec import Objective

VCLUSTER_LABEL = "envoy_virtual_cluster"
LISTENER_LABEL = "envoy_http_conn_manager_prefix"

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


def groups_of(objective: Objective) -> tuple[str, ...]:
    """The edge classes an objective covers: one virtual cluster, all of them, or none."""
    _, total = objective.sli.selectors()
    for matcher in total.matchers:
        if matcher.label == VCLUSTER_LABEL and matcher.op == "=":
            return (matcher.value,) if matcher.value in GROUPS else ()
    if any(m.label == LISTENER_LABEL and m.accepts("public") for m in total.matchers):
        return GROUPS
    return ()
