"""The cluster suite's own cluster: its run directory, subnet, bridge and namespace prefix
chosen from $ASTROSHOP_PORT_OFFSET (so parallel runs never share names), and the CLI."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from contextlib import nullcontext, suppress
from pathlib import Path

import psutil

from harness.cluster import users
from harness.cluster.model import Cluster, Host, Settings
from harness.paths import REPO_ROOT
from harness.stack.options import default_port_offset

ASTROSHOP = Path(sys.executable).parent / "astroshop"
NEEDS_ROOT = "the cluster needs root (network namespaces, a bridge, sshd on them)"


def settings(host_count: int = 3) -> Settings:
    """A subnet, bridge and prefix of this test run's own, from the port offset's slot."""
    slot = (default_port_offset() // 100) % 100
    return Settings(host_count=host_count, subnet=f"10.77.{100 + slot}.0/24",
                    bridge=f"astro-tbr{slot}", name_prefix=f"at{slot}-")


def run_dir() -> Path:
    """A short run directory that the stores' own users (postgres, redis) can traverse."""
    root = Path(tempfile.mkdtemp(prefix="astro-ct-", dir="/tmp"))
    root.chmod(0o755)
    return root


def astroshop(root: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    """Run the `astroshop` CLI against the run directory `root`; output captured. Cut short
    (a timeout, Ctrl-C, SIGTERM), what it started is stopped first (tests/cluster/teardown.py
    tears the cluster down after: nothing may still be changing it)."""
    env = {**os.environ, "ASTROSHOP_RUN_DIR": str(root), "ASTROSHOP_REPORTS_DIR": str(root / "reports"),
           "COLUMNS": "120"}
    with subprocess.Popen([str(ASTROSHOP), *args], cwd=REPO_ROOT, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          start_new_session=True) as child:
        try:
            stdout, stderr = child.communicate(timeout=timeout)
        except BaseException:
            stop_group(child)
            child.communicate()
            raise
    return subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)


def stop_group(child: subprocess.Popen, grace: float = 60) -> None:
    """SIGINT to everything the CLI started (Terraform saves its state and stops, Ansible stops,
    then the CLI ends on their failure); SIGKILL to its process group after `grace` s."""
    with suppress(psutil.NoSuchProcess):
        for process in psutil.Process(child.pid).children(recursive=True):
            with suppress(psutil.NoSuchProcess):
                process.send_signal(signal.SIGINT)
    try:
        child.communicate(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    with suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)


class QuietReporter:
    """A lifecycle reporter for tests: no output, only the names of the steps."""

    def __init__(self):
        self.steps: list[str] = []

    def step(self, name: str):
        """Record the step; report nothing."""
        self.steps.append(name)
        return nullcontext()

    def task(self, name: str) -> None:
        """Ignore task progress."""


FETCH = ("import sys, urllib.request; "
         "print(urllib.request.urlopen(sys.argv[1], timeout=5).status)")


def as_envoy(cluster: Cluster, host: Host, url: str) -> str:
    """GET `url` from inside `host`'s namespace as the cluster's Envoy user (the only user
    there a replica on another host admits); its status, or the error."""
    result = subprocess.run(["ip", "netns", "exec", host.namespace, "runuser", "-u",
                             users.envoy(cluster.settings), "--", "python3", "-c", FETCH, url],
                            capture_output=True, text=True, timeout=30)
    return result.stdout.strip() or (result.stderr.strip().splitlines() or ["no output"])[-1]
