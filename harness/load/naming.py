"""Request names in Locust's statistics, grouped like Envoy's virtual clusters at the edge.

Envoy's public virtual host sorts requests into `checkout` (POST /api/checkout), `api` (other
/api/ paths) and `storefront` (everything else); the SLOs are measured on those classes. Each
Locust request name starts with the same class, so Locust's numbers can be set beside the
objectives measured from Prometheus.
"""
from __future__ import annotations

GROUPS = ("checkout", "api", "storefront")


def edge_class(method: str, path: str) -> str:
    """The virtual cluster Envoy's public listener files a request under."""
    if method.upper() == "POST" and path.split("?")[0] == "/api/checkout":
        return "checkout"
    return "api" if path.startswith("/api/") else "storefront"


def request_name(method: str, template: str) -> str:
    """`[class] /path/template`: ids are written as [id], so names stay few."""
    return f"[{edge_class(method, template)}] {template}"


def group_of(name: str) -> str | None:
    """The class a request name was given by request_name, or None for other names."""
    if name.startswith("[") and "]" in name:
        group = name[1:name.index("]")]
        return group if group in GROUPS else None
    return None
