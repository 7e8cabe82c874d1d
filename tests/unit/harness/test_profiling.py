"""harness.bench.profiling: collapsed stacks, the top frames, and py-spy on a real busy process."""
import os
import signal
import subprocess
import sys
from collections import Counter

import pytest

from harness.bench.profiling import ProfilingError, collapsed, profile, top_frames, worker_pid

BUSY = """
import time
def spin():
    total = 0
    for i in range(20000):
        total += i * i
    return total
def outer():
    while True:
        spin()
print("ready", flush=True)
outer()
"""


def test_collapsed_reads_stacks_and_counts(tmp_path):
    raw = tmp_path / "p.txt"
    raw.write_text("main (a.py:1);work (a.py:5) 7\nmain (a.py:1);idle (b.py:2) 3\n"
                   "main (a.py:1);work (a.py:5) 2\n\n")
    stacks = collapsed(raw)
    assert stacks == Counter({("main (a.py:1)", "work (a.py:5)"): 9,
                              ("main (a.py:1)", "idle (b.py:2)"): 3})


def test_top_frames_rank_by_self_samples_and_report_inclusive_share():
    stacks = Counter({("main", "render", "escape"): 6, ("main", "render"): 2,
                      ("main", "send"): 2})
    top = top_frames(stacks, limit=2)
    assert [(f.function, f.self_share, f.total_share) for f in top] == [
        ("escape", 0.6, 0.6), ("render", 0.2, 0.8)]


def test_a_recursive_frame_counts_once_per_stack():
    top = top_frames(Counter({("walk", "walk", "walk"): 4}))
    assert top[0].total_share == 1.0


@pytest.fixture
def busy():
    process = subprocess.Popen([sys.executable, "-c", BUSY], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    yield process
    process.kill()
    process.wait(10)


def test_profile_samples_a_running_process_while_its_load_runs(busy, tmp_path):
    loads = []
    result = profile("busy loop", busy.pid, 2, tmp_path, lambda s: loads.append(s) or {"s": s},
                     rate=100)
    assert loads == [2] and result.load == {"s": 2}
    assert result.samples > 50
    assert (result.svg, result.raw) == ("busy-loop.svg", "busy-loop.txt")  # beside the report
    assert "<svg" in (tmp_path / "busy-loop.svg").read_text()[:2000]
    assert result.top[0].function.startswith("spin ")
    assert "outer (" in (tmp_path / "busy-loop.txt").read_text()


def test_a_process_that_is_gone_is_reported(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(10)
    with pytest.raises(ProfilingError, match=f"pid {gone.pid}"):
        profile("gone", gone.pid, 1, tmp_path, lambda s: {})


PARENT = """
import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
print(child.pid, flush=True)
child.wait()
"""


def test_worker_pid_is_the_child_or_the_process_itself(busy):
    assert worker_pid(busy.pid) == busy.pid
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert worker_pid(parent.pid) == child
    finally:
        os.kill(child, signal.SIGTERM)
        parent.wait(10)
