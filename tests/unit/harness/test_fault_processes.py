"""Unit tests of the process faults that need no stack: targets, and telling a frozen group."""
import os
import signal
import subprocess

import pytest

from harness.faults import processes
from harness.faults.values import BadFaultInput
from harness.paths import RunPaths
from harness.polling import poll_until
from harness.stack.options import StackOptions
from harness.stack.runner import Stack, StackError


@pytest.fixture
def stack(tmp_path):
    """A stack of two catalog replicas, described in its run directory but not running."""
    StackOptions({"catalog": 2}).save(RunPaths(tmp_path).ensure())
    return Stack.at(tmp_path)


def test_replica_names_are_all_replicas_or_one(stack):
    assert processes.replica_names(stack, "catalog") == ["catalog-0", "catalog-1"]
    assert processes.replica_names(stack, "catalog", 1) == ["catalog-1"]
    with pytest.raises(BadFaultInput, match="replicas 0 to 1, not 2"):
        processes.replica_names(stack, "catalog", 2)
    with pytest.raises(BadFaultInput, match="unknown service"):
        processes.replica_names(stack, "warp-drive")


def test_without_a_stack_every_action_says_so(stack):
    for action in (processes.kill, processes.freeze, processes.thaw, Stack.stop, Stack.start):
        with pytest.raises(StackError, match="no stack is running"):
            action(stack, ["catalog-0"])


def test_a_group_with_a_stopped_child_counts_as_frozen():
    leader = subprocess.Popen(["sh", "-c", "sleep 30 & wait"], start_new_session=True)
    try:
        assert not processes.frozen(leader.pid)
        os.killpg(leader.pid, signal.SIGSTOP)
        poll_until(lambda: processes.frozen(leader.pid), 5, "the group stopping")
        os.killpg(leader.pid, signal.SIGCONT)
        poll_until(lambda: not processes.frozen(leader.pid), 5, "the group continuing")
    finally:
        os.killpg(leader.pid, signal.SIGKILL)
        leader.wait(5)
    assert not processes.frozen(leader.pid)
