"""The fault flag file's place in the model: the repository's defaults, and writing a live copy.

Every service of a stack reads its run directory's live copy (`RunPaths.flags`); the stack
installs the defaults there at start-up, and `astroshop fault` rewrites it (harness/faults/).
A rewrite is atomic and always moves the modification time, so no watcher misses it.
"""
from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path

DEFAULTS = Path(__file__).parent / "faults" / "flags.json"


@contextmanager
def locked(path: Path):
    """Hold an exclusive lock beside the file, so two writers never interleave."""
    with open(f"{path}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def write(path: Path, data: dict) -> None:
    """Replace the file atomically, its modification time always later than before."""
    path = Path(path)
    before = path.stat().st_mtime_ns if path.exists() else 0
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)
    if path.stat().st_mtime_ns <= before:  # same clock tick: the watcher would miss it
        later = before + 1_000_000
        os.utime(path, ns=(later, later))


def install_defaults(path: Path) -> Path:
    """Write a fresh copy of the repository's defaults to `path` (every fault off)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):
        write(path, json.loads(DEFAULTS.read_text(encoding="utf-8")))
    return path
