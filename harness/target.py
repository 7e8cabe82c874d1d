"""The shop under test: its public URL, its mesh if reachable, and the local stack if it is one."""
from __future__ import annotations

from dataclasses import dataclass

import requests

from harness.certs import trust
from harness.stack.runner import Stack


class TargetError(RuntimeError):
    """The shop to test cannot be found or does not answer."""


@dataclass(frozen=True)
class Target:
    """Where a workflow shops, and what else it may use as QA evidence."""

    public_url: str
    mesh_url: str | None = None  # Envoy's internal listener: charges, outbox, readiness
    stack: Stack | None = None  # the local stack serving it: stopping and starting replicas

    @property
    def can_control(self) -> bool:
        """Whether this shop's processes may be stopped and started from here."""
        return self.stack is not None

    def options(self) -> list[str]:
        """The pytest options that hand this target to the features' plugin."""
        given = ["--shop-url", self.public_url]
        if self.mesh_url:
            given += ["--shop-mesh-url", self.mesh_url]
        if self.stack:
            given += ["--shop-run-dir", str(self.stack.paths.root)]
        return given


def normalised(url: str) -> str:
    """A URL without its trailing slash, with a scheme."""
    url = url.strip().rstrip("/")
    if "://" not in url:
        raise TargetError(f"the target {url!r} is not a URL; give one like http://host:8080")
    return url


def local_target(stack: Stack) -> Target | None:
    """The shop `stack` serves, or None when it does not run."""
    if not stack.running():
        return None
    topology = stack.topology()
    return Target(topology.public_url(), topology.mesh_url(), stack)


def resolve(url: str | None, stack: Stack, mesh_url: str | None = None) -> Target:
    """The given URL (with the stack's mesh when it is that stack's), else the stack's shop."""
    local = local_target(stack)
    if url is None:
        if local is None:
            raise TargetError(f"no stack runs from {stack.paths.root}: start one with "
                              "`astroshop up` or name a shop with --shop-url")
        return local
    url = normalised(url)
    if local is not None and local.public_url == url:
        return Target(url, mesh_url or local.mesh_url, stack)
    return Target(url, normalised(mesh_url) if mesh_url else None)


def check_open(target: Target, timeout: float = 10.0) -> None:
    """Raise TargetError unless the shop answers its catalog."""
    url = target.public_url + "/api/products"
    try:
        response = requests.get(url, timeout=timeout, verify=trust.verify())
    except requests.RequestException as exc:
        raise TargetError(f"the shop at {target.public_url} does not answer: {exc}") from exc
    if response.status_code != 200:
        raise TargetError(f"the shop at {target.public_url} is not open: GET /api/products "
                          f"answered {response.status_code}")
