"""The edge's request classes: how Envoy's public listener files each request for the SLOs.

The first class that matches wins. Envoy's virtual clusters (harness/envoy/public.py) and
the load generator's request names (harness/load/naming.py) both come from this table.
"""
from __future__ import annotations

from dataclasses import dataclass

MAX_REQUEST_BYTES = 64 * 1024
# Kubernetes: the Service in front of the public listener (harness/k8s/edge.py), and the
# namespace `astroshop k8s apply` uses unless told otherwise.
KUBERNETES_PUBLIC_SERVICE = "envoy-public"
KUBERNETES_NAMESPACE = "astroshop"


@dataclass(frozen=True)
class RequestClass:
    """A class of public requests: a path (exact or prefix; an exact one may have `also`
    other exact paths) and, optionally, methods."""

    name: str
    path: str
    exact: bool = False
    methods: tuple[str, ...] = ()
    also: tuple[str, ...] = ()

    def paths(self) -> tuple[str, ...]:
        """Every path of the class."""
        return (self.path, *self.also)

    def matches(self, method: str, path: str) -> bool:
        """Whether a request (its query string ignored) falls in this class."""
        if self.methods and method.upper() not in self.methods:
            return False
        path = path.split("?")[0]
        return path in self.paths() if self.exact else path.startswith(self.path)


REQUEST_CLASSES: tuple[RequestClass, ...] = (
    RequestClass("checkout", "/api/checkout", exact=True, methods=("POST",)),
    # Sign-ins, through the API or the storefront's form (the signin-success objective).
    RequestClass("signin", "/api/account/signin", exact=True, methods=("POST",),
                 also=("/signin",)),
    RequestClass("api", "/api/"),
    RequestClass("storefront", "/"),
)


def class_names() -> tuple[str, ...]:
    """Every class name, in matching order."""
    return tuple(request_class.name for request_class in REQUEST_CLASSES)


def request_class(method: str, path: str) -> str:
    """The name of the class a request falls in (the last class matches every path)."""
    return next(c.name for c in REQUEST_CLASSES if c.matches(method, path))


def certificate_names(*extra: str) -> tuple[str, ...]:
    """What the edge's certificate covers: loopback, the Kubernetes Service's names, and
    `extra` (a cluster's edge address, added when the cluster is made)."""
    service, namespace = KUBERNETES_PUBLIC_SERVICE, KUBERNETES_NAMESPACE
    kubernetes = (service, f"{service}.{namespace}", f"{service}.{namespace}.svc",
                  f"{service}.{namespace}.svc.cluster.local")
    return ("127.0.0.1", "localhost", *kubernetes, *extra)
