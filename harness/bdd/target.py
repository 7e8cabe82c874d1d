"""The shop under test: its public URL and, for a local stack, its mesh and its processes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import requests

from harness.certs import trust
from harness.paths import RunPaths
from harness.stack.options import StackOptions
from harness.stack.supervisor import supervisord_pid


class TargetError(RuntimeError):
    """The shop to test cannot be found or does not answer."""


@dataclass(frozen=True)
class Target:
    """Where the suite shops, and what else it may use as QA evidence."""

    public_url: str
    mesh_url: str | None = None  # Envoy's internal listener: charges, outbox, readiness
    run_dir: Path | None = None  # the local stack's run directory: stopping its processes

    @property
    def can_control(self) -> bool:
        """Whether scenarios may stop and start this shop's processes."""
        return self.run_dir is not None

    def options(self) -> list[str]:
        """The pytest options that hand this target to the features' plugin."""
        given = ["--shop-url", self.public_url]
        if self.mesh_url:
            given += ["--shop-mesh-url", self.mesh_url]
        if self.run_dir:
            given += ["--shop-run-dir", str(self.run_dir)]
        return given


def normalised(url: str) -> str:
    """A URL without its trailing slash, with a scheme."""
    url = url.strip().rstrip("/")
    if "://" not in url:
        raise TargetError(f"the target {url!r} is not a URL; give one like http://host:8080")
    return url


def local_target(paths: RunPaths) -> Target | None:
    """The stack running from `paths`, or None when none runs there."""
    if supervisord_pid(paths) is None:
        return None
    topology = StackOptions.load(paths).topology()
    return Target(topology.public_url(), topology.mesh_url(), paths.root)


def resolve(url: str | None, paths: RunPaths, mesh_url: str | None = None) -> Target:
    """The given URL (with the local stack's mesh when it is that stack), else the local one."""
    local = local_target(paths)
    if url is None:
        if local is None:
            raise TargetError(f"no stack runs from {paths.root}: start one with `astroshop up` "
                              "or name a shop with --shop-url")
        return local
    url = normalised(url)
    if local is not None and local.public_url == url:
        return Target(url, mesh_url or local.mesh_url, local.run_dir)
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
