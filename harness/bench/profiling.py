"""Where a process spends its time under load: py-spy flame graphs (SVG) and the top frames.

Two py-spy recorders sample the same worker side by side, both without pausing it
(--nonblocking): one writes the flame graph, the other the collapsed stacks (`--format raw`)
from which the top-costs table is computed. By default only the thread holding the GIL is
sampled (--gil): the graphs show where Python spends CPU, not threads waiting on sockets,
locks or the GIL itself (pass gil=False to see the waiting too). py-spy needs ptrace rights
over the process (root, or kernel.yama.ptrace_scope 0 for a process of one's own).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

DEFAULT_RATE = 200  # samples per second
TOP = 15


class ProfilingError(RuntimeError):
    """py-spy is missing, or could not sample the process; the message says which."""


@dataclass(frozen=True)
class Frame:
    """One function's share of the samples: as the leaf (self) and anywhere on the stack."""

    function: str
    self_share: float
    total_share: float


@dataclass
class Profile:
    """One profiled load: the files written (names in the report's folder), the samples taken,
    the top frames, the load."""

    name: str
    pid: int
    svg: str
    raw: str
    samples: int
    top: list[Frame] = field(default_factory=list)
    load: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Plain data for a report (bench.json)."""
        return asdict(self)


def spy_binary() -> str:
    """The py-spy executable (the pinned wheel installs it beside python)."""
    binary = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if binary is None:
        raise ProfilingError("py-spy is not installed; run scripts/bootstrap.sh (it is pinned "
                             "in the harness extra)")
    return binary


def worker_pid(master_pid: int) -> int:
    """The gunicorn worker under `master_pid` (the master itself when it has no child)."""
    children = psutil.Process(master_pid).children()
    return children[0].pid if children else master_pid


def recorders(pid: int, seconds: int, out: Path, rate: int,
              gil: bool = True) -> list[subprocess.Popen]:
    """Start the flame graph and the collapsed-stack recorders on `pid` for `seconds`."""
    common = [spy_binary(), "record", "--pid", str(pid), "--duration", str(seconds),
              "--rate", str(rate), "--nonblocking", "--function", *(["--gil"] if gil else [])]
    return [subprocess.Popen([*common, "--format", fmt, "--output", str(path)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for fmt, path in (("flamegraph", out.with_suffix(".svg")),
                              ("raw", out.with_suffix(".txt")))]


def collapsed(path: Path) -> Counter:
    """The collapsed stacks of a raw py-spy file: (frame, ...) root first -> samples."""
    stacks: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[tuple(stack.split(";"))] += int(count)
    return stacks


def top_frames(stacks: Counter, limit: int = TOP) -> list[Frame]:
    """The functions with the most samples as the leaf, with their inclusive share too."""
    total = sum(stacks.values()) or 1
    leaf: Counter = Counter()
    anywhere: Counter = Counter()
    for stack, count in stacks.items():
        leaf[stack[-1]] += count
        for frame in set(stack):
            anywhere[frame] += count
    return [Frame(name, round(count / total, 4), round(anywhere[name] / total, 4))
            for name, count in leaf.most_common(limit)]


def profile(name: str, pid: int, seconds: int, out_dir: Path,
            load: Callable[[int], dict], rate: int = DEFAULT_RATE, gil: bool = True) -> Profile:
    """Sample `pid` for `seconds` while `load(seconds)` runs; write <name>.svg and <name>.txt."""
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / name.replace(" ", "-").replace("/", "_")
    spies = recorders(pid, seconds, out, rate, gil)
    try:
        measured = load(seconds)
    finally:
        errors = [spy.communicate(timeout=seconds + 60)[1] for spy in spies]
    failed = [err.strip() for spy, err in zip(spies, errors, strict=True) if spy.returncode]
    if failed:
        raise ProfilingError(f"py-spy could not sample pid {pid}: {failed[0][-400:]}")
    stacks = collapsed(out.with_suffix(".txt"))
    # File names only: the report sits beside them, and moves with them.
    return Profile(name, pid, out.with_suffix(".svg").name, out.with_suffix(".txt").name,
                   sum(stacks.values()), top_frames(stacks), measured)
