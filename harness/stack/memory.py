"""The memory a stack's processes use: a process and all its children, RSS or PSS."""
from __future__ import annotations

import psutil


def tree_pss(pid: int | None) -> int:
    """Proportional memory of a process and its children: shared pages counted once."""
    return _tree_memory(pid, lambda process: process.memory_full_info().pss)


def tree_rss(pid: int | None) -> int:
    """Resident memory of a process and all its children, in bytes."""
    return _tree_memory(pid, lambda process: process.memory_info().rss)


def _tree_memory(pid: int | None, measure) -> int:
    """Sum `measure` over a process and all its children; 0 when it is gone."""
    if not pid:
        return 0
    try:
        root = psutil.Process(pid)
        return sum(measure(process) for process in [root, *root.children(recursive=True)])
    except psutil.NoSuchProcess:
        return 0
