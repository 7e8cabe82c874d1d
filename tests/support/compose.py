"""A compose stack for tests: `astroshop compose up` in a run directory of the test's own, on a
port offset the allocator holds (the engine started if none answers), torn down with `compose
down --volumes`, which must leave no container, network or volume of the project behind."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from harness.containers.composestack import leftovers
from harness.containers.project import ComposeProject
from harness.paths import REPO_ROOT
from tests.support import ports
from tests.support.engine import running_engine

ASTROSHOP = Path(sys.executable).parent / "astroshop"
UP_TIMEOUT_S = 900  # a cold machine builds five images first
OFFSETS: dict[Path, int] = {}  # the offset held for each run directory's compose stack


def astroshop(root: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """The CLI against the run directory `root` at its stack's port offset; output captured."""
    env = {**os.environ, "ASTROSHOP_RUN_DIR": str(root),
           "ASTROSHOP_PORT_OFFSET": str(OFFSETS[root]),
           "ASTROSHOP_REPORTS_DIR": str(root / "reports"), "COLUMNS": "120"}
    return subprocess.run([str(ASTROSHOP), *args], cwd=REPO_ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def checked(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    """`result`, or an assertion error with its output when it failed."""
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@contextmanager
def compose_stack(root: Path, *options: str) -> Iterator[dict]:
    """Yield `compose status --json` of a stack up in `root`; down --volumes after, checked."""
    with running_engine() as docker, ports.stack_offset() as lease:
        OFFSETS[root] = lease.offset
        volumes_before = {volume.name for volume in docker.volume.list()}
        try:
            checked(astroshop(root, "compose", "up", *options, timeout=UP_TIMEOUT_S))
            yield json.loads(checked(astroshop(root, "compose", "status", "--json")).stdout)
        finally:
            down = astroshop(root, "compose", "down", "--volumes")
            project = ComposeProject(root, lease.offset)
            assert down.returncode == 0, down.stdout + down.stderr
            assert leftovers(docker, project, volumes=True) == [], "down left something"
            new = {volume.name for volume in docker.volume.list()} - volumes_before
            assert not new, f"down left anonymous volumes: {sorted(new)}"


def health(root: Path) -> dict[str, str]:
    """Each service's container health, or its state when it does not run (or has no check),
    from `compose status`."""
    report = json.loads(astroshop(root, "compose", "status", "--json").stdout)
    return {c["service"]: c["health"] if c["state"] == "running" and c["health"] else c["state"]
            for c in report["containers"]}


def get(url: str, session: requests.Session | None = None, **kwargs) -> requests.Response:
    """A GET with a timeout fit for a busy machine."""
    return (session or requests).get(url, timeout=20, **kwargs)


def secrets_in_environment(root: Path) -> dict[str, list[str]]:
    """container -> the variables of its configured environment (`docker inspect`'s Env) that
    hold one of the project's secrets; empty when every secret came as a file."""
    project = ComposeProject(root, OFFSETS[root], stores=True)
    values = [value for value in project.secret_values().values() if len(value) >= 8]
    found = {}
    for container in project.client().compose.ps():
        leaks = [entry.split("=", 1)[0] for entry in container.config.env or []
                 if any(value in entry for value in values)]
        if leaks:
            found[container.name] = leaks
    return found
