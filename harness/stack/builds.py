"""Which code a stack's service runs: the checkout's own, or a release directory's.

A release of a service is a directory `<run>/releases/<service>/<version>/` holding a copy of
the shop's source (`shop/`, with the BUILD.json that names it). `release.json` beside the
versions says which one is stable and which was stable before it; a service with no stable
release runs the checkout's code. The file is replaced atomically (write, then rename), so a
promotion or a rollback switches the stable release in one step.
"""
from __future__ import annotations

import functools
import json
import os
import subprocess
from dataclasses import asdict, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from harness.paths import REPO_ROOT, RunPaths

STATE_FILE = "release.json"
CHECKOUT = ""  # a release name that means the checkout's own code


@dataclass(frozen=True)
class Releases:
    """A service's stable release (CHECKOUT: the checkout's code) and the one before it
    (None: nothing to roll back to)."""

    stable: str = CHECKOUT
    previous: str | None = None


def git(root: Path, *args: str) -> str | None:
    """A git command's output in `root`; None outside git or when it fails."""
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def git_commit(root: Path = REPO_ROOT, path: str = "shop") -> str:
    """The last commit that changed `path` (the shop's code: a commit of the harness alone
    makes no new build), `-dirty` with local changes there; `unknown` outside git."""
    commit = git(root, "log", "-1", "--format=%H", "--", path)
    if not commit:
        return "unknown"
    return commit + ("-dirty" if git(root, "status", "--porcelain", "--", path) else "")


def package_version() -> str:
    """The astroshop package's version (pyproject), or 0.0.0 when it is not installed."""
    try:
        return version("astroshop")
    except PackageNotFoundError:
        return "0.0.0"


@functools.lru_cache(maxsize=4)
def checkout_build(root: Path = REPO_ROOT) -> dict[str, str]:
    """The build of the checkout's shop: `0.1.0+g<12 hex>[.dirty]` and its commit."""
    commit = git_commit(root)
    local = commit[:12] + (".dirty" if commit.endswith("-dirty") else "")
    return {"version": f"{package_version()}+g{local}", "commit": commit}


def service_root(paths: RunPaths, service: str) -> Path:
    """Where a service's releases live."""
    return paths.root / "releases" / service


def code_dir(paths: RunPaths, service: str, version_name: str) -> Path:
    """The directory a release's processes run from (it holds `shop/`)."""
    return service_root(paths, service) / version_name


def read(paths: RunPaths, service: str) -> Releases:
    """The service's stable and previous releases (both None before any promotion)."""
    path = service_root(paths, service) / STATE_FILE
    return Releases(**json.loads(path.read_text())) if path.exists() else Releases()


def write(paths: RunPaths, service: str, releases: Releases) -> None:
    """Record the service's releases atomically (a rename over the old file)."""
    path = service_root(paths, service) / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(releases), indent=2))
    os.replace(temporary, path)
