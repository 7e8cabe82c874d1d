"""Host roles and the placement rule: which hosts of a cluster run which replicas.

A service runs one replica on every host of its role (`Service.host_role`): the storefront
on the edge hosts, every other service on every app host, so losing one app host leaves a
replica of each. Hosts with services run an Envoy (their services call the mesh on loopback).
"""
from __future__ import annotations

from collections.abc import Mapping

from harness.model.services import Service

HOST_ROLES = {
    "edge": "Envoy's public listener and the edge services",
    "app": "a replica of every app service",
    "data": "PostgreSQL, Redis and Prometheus",
}
SERVICE_ROLES = ("edge", "app")  # roles a service may ask for; each such host runs an Envoy


def placement(services: tuple[Service, ...],
              hosts: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """service -> the addresses of every host of its role (`hosts` maps role -> addresses)."""
    for service in services:
        if service.host_role not in SERVICE_ROLES:
            raise ValueError(f"{service.name}: host_role must be one of "
                             f"{', '.join(SERVICE_ROLES)}, got {service.host_role!r}")
    return {service.name: tuple(hosts.get(service.host_role, ())) for service in services}


def runs_envoy(roles: tuple[str, ...]) -> bool:
    """Whether a host with these roles runs an Envoy: it runs services."""
    return any(role in SERVICE_ROLES for role in roles)
