"""The topology as containers see it: each service by its DNS name, Envoy's mesh by name.

Docker Compose and Kubernetes both give every service a DNS name equal to its name (a compose
service, a headless Kubernetes Service), so one rendering serves both.
"""
from __future__ import annotations

from dataclasses import replace

from harness.topology import Topology

ENVOY_HOST = "envoy"  # the compose service and Kubernetes Service of Envoy's mesh listener
ENVOY_STATS_HOST = "envoy-stats"  # every Envoy replica, for Prometheus (a compose alias)
ENVOY_STATS_PORT = 9902  # /stats/prometheus and /ready, proxied to the loopback-only admin
LISTEN_ALL = "0.0.0.0"
SECRET_KEY_VARIABLE = "ASTROSHOP_SECRET_KEY"
DATABASE_URL_VARIABLE = "ASTROSHOP_DATABASE_URL"
REDIS_URL_VARIABLE = "ASTROSHOP_REDIS_URL"


def container_topology(base: Topology | None = None) -> Topology:
    """`base` (default ports, no offset) with every service reached by its DNS name."""
    base = base or Topology()
    placement = {name: (name,) for name in base.names()}
    return replace(base.placed(placement), host=LISTEN_ALL, mesh_host=ENVOY_HOST)


def store_services(topology: Topology, store: str) -> list[str]:
    """Services that need `store`: 'postgres' (every SQL or cart store) or 'redis' (the cart)."""
    kinds = {"postgres": ("sql", "cart"), "redis": ("cart",)}[store]
    return [svc.name for svc in topology.services if svc.store in kinds]


def callers(topology: Topology) -> list[str]:
    """Services that call others (and so need Envoy's mesh listener)."""
    return [svc.name for svc in topology.services if svc.calls]
