"""The cluster suite's teardown (tests/cluster/teardown.py, session.py): which run directories a
later run sweeps, SIGTERM turned into an interrupt, and a cut-short CLI stopped with what it
started. No root: the real `cluster down` is the cluster suite's own business."""
import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from harness.cluster.model import Settings
from harness.cluster.paths import ClusterPaths
from tests.cluster import fakes, session, teardown
from tests.support.stack import terminated_as_interrupt

OURS, THEIRS = Settings(name_prefix="at7-", bridge="astro-tbr7"), Settings(name_prefix="at8-")
LEADER_WITH_A_CHILD = ("import subprocess, sys; child = subprocess.Popen(['sleep', '300']); "
                       "print(child.pid, flush=True); child.wait()")


def run_dir(parent, name: str, settings: Settings | None = None, resources=(),
            owner: int | None = None):
    """A run directory as a cluster run leaves it: described or only in Terraform's state."""
    root = parent / f"astro-ct-{name}"
    paths = ClusterPaths(root / "cluster").ensure()
    paths.terraform_state.write_text(json.dumps({"resources": list(resources)}))
    if settings is not None:
        made = fakes.cluster()
        made.save(paths)
        data = json.loads(paths.state.read_text())
        paths.state.write_text(json.dumps({**data, "settings": settings.__dict__}))
    if owner is not None:
        (root / teardown.OWNER).write_text(str(owner))
    return root


def dead_pid() -> int:
    """The pid of a process that has ended."""
    ended = subprocess.Popen(["true"])
    ended.wait()
    return ended.pid


def test_a_later_run_sweeps_only_its_own_slots_abandoned_clusters(tmp_path, monkeypatch):
    finished = []
    monkeypatch.setattr(teardown, "finish", lambda root, settings: finished.append(root.name))
    run_dir(tmp_path, "killed", OURS, owner=dead_pid())
    run_dir(tmp_path, "cut-short", resources=[{"name": "at7-host"}])
    run_dir(tmp_path, "running", OURS, owner=os.getpid())
    run_dir(tmp_path, "other-slot", THEIRS, owner=dead_pid())
    run_dir(tmp_path, "other-slot-cut-short", resources=[{"name": "at8-host"}])
    run_dir(tmp_path, "taken-down", owner=dead_pid())
    assert len(teardown.sweep(OURS, tmp_path)) == 2
    assert sorted(finished) == ["astro-ct-cut-short", "astro-ct-killed"]


def test_a_claimed_directory_is_abandoned_once_its_owner_ends(tmp_path):
    assert teardown.abandoned(tmp_path), "no owner named"
    assert not teardown.abandoned(teardown.claim(tmp_path))
    (tmp_path / teardown.OWNER).write_text(str(dead_pid()))
    assert teardown.abandoned(tmp_path)


def test_nothing_to_take_down_leaves_the_directory_to_be_removed(tmp_path):
    root = run_dir(tmp_path, "empty")
    assert teardown.finish(root, OURS) == "nothing to take down"
    assert not root.exists()


def test_sigterm_becomes_an_interrupt_once_then_is_ignored_until_the_block_ends():
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt, match="tearing the fixtures down"):
        with terminated_as_interrupt():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_cut_short_cli_is_stopped_with_everything_it_started():
    leader = subprocess.Popen([sys.executable, "-c", LEADER_WITH_A_CHILD], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              start_new_session=True)
    child = psutil.Process(int(leader.stdout.readline()))
    session.stop_group(leader, grace=20)
    assert leader.returncode is not None
    assert not child.is_running() or child.status() == psutil.STATUS_ZOMBIE
