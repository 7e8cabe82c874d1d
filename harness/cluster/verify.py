"""`cluster verify`: pytest-testinfra over Terraform's inventory, one check module per resource
(harness/cluster/checks), each host's expectations read from its inventory variables."""
from __future__ import annotations

import subprocess
from pathlib import Path

from harness.certs import trust
from harness.certs.files import TlsDir
from harness.cluster import ansible, tools
from harness.cluster.paths import ClusterPaths
from harness.paths import REPO_ROOT

CHECKS_DIR = Path(__file__).parent / "checks"


def command(paths: ClusterPaths, extra: tuple[str, ...] = ()) -> list[str]:
    """The pytest command line: every host of the inventory, over SSH."""
    return [str(tools.venv_program("pytest")), "-p", "no:cacheprovider", "-q",
            "--hosts=ansible://all", f"--ansible-inventory={paths.inventory}",
            "--junitxml", str(paths.logs / "verify.xml"), str(CHECKS_DIR), *extra]


def run(paths: ClusterPaths, extra: tuple[str, ...] = (), capture: bool = True
        ) -> subprocess.CompletedProcess:
    """Run the checks; the result carries pytest's exit code and (when captured) output."""
    if not paths.inventory.exists():
        raise tools.ClusterError(f"no inventory at {paths.inventory}; "
                                 "start a cluster with `astroshop cluster up`")
    env = {**ansible.environment(paths), **trust.environment(TlsDir(paths.tls).ca_cert)}
    return subprocess.run(command(paths, extra), cwd=REPO_ROOT, env=env, capture_output=capture,
                          text=True)


def summary_line(output: str) -> str:
    """pytest's final line ('12 passed in 3.1s'), for progress output."""
    lines = [line for line in output.strip().splitlines() if line.strip()]
    return lines[-1].strip("= ") if lines else "no output from pytest"
