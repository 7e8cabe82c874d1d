"""`astroshop engine up | status | down` for real: dockerd started with its pid file and log in
the run directory, a second `up` starts nothing, `down` stops exactly that process and leaves
iptables, IPv4 forwarding and the links as they were found."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psutil

from harness.containers import hostnet
from harness.containers.enginefiles import EngineFiles, Started
from harness.containers.engine import answering, docker_client, engine_host
from harness.paths import RunPaths

ASTROSHOP = Path(sys.executable).parent / "astroshop"


def astroshop(run_dir, *args: str) -> subprocess.CompletedProcess:
    """The CLI against `run_dir`, output captured."""
    return subprocess.run([str(ASTROSHOP), *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "ASTROSHOP_RUN_DIR": str(run_dir), "COLUMNS": "200"})


def test_up_status_down_leave_the_host_as_found(tmp_path):
    files = EngineFiles.of(RunPaths(tmp_path))
    before = hostnet.snapshot()
    assert not answering(docker_client()), (
        f"an engine not started by this test answers at {engine_host()}; stop it "
        "(astroshop engine down) so this test can start its own")
    up = astroshop(tmp_path, "engine", "up")
    assert up.returncode == 0 and "dockerd started" in up.stdout, up.stdout + up.stderr
    try:
        started = Started.load(files.state)
        assert files.pid.read_text().strip() == str(started.pid), "dockerd's own pid file"
        assert psutil.Process(started.pid).name() == "dockerd" and files.log.exists()
        status = json.loads(astroshop(tmp_path, "engine", "status", "--json").stdout)
        assert status["started_here"] and status["server_version"].startswith("20.10")
        assert status["compose_version"].startswith("v5"), "the pinned Compose plugin"
        assert [c for c in status["host_changes"] if not c.startswith("link ")] == [], \
            "dockerd runs without touching iptables or forwarding"
        again = astroshop(tmp_path, "engine", "up")
        assert "already answers" in again.stdout and Started.load(files.state) == started
    finally:
        down = astroshop(tmp_path, "engine", "down")
    assert down.returncode == 0 and f"pid {started.pid}) stopped" in down.stdout, down.stdout
    assert not psutil.pid_exists(started.pid) and not files.state.exists()
    assert hostnet.changes(before, hostnet.snapshot()) == []
    assert astroshop(tmp_path, "engine", "status").returncode == 3
