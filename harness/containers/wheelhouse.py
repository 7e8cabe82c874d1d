"""Wheelhouses built on the host from a hashed lock, for the base image's interpreter (CPython
3.11 on bookworm's glibc, this machine's architecture): no network inside `docker build`.
Each is kept under the lock's hash, so a second build downloads nothing."""
from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from pathlib import Path

from harness.containers import locks

PYTHON_VERSION = "3.11"  # bookworm's python3, and the pulled base's
GLIBC = (2, 36)  # bookworm's glibc: the newest manylinux tag its wheels may carry
COMPLETE = ".complete"


def platforms(machine: str = "") -> list[str]:
    """Every manylinux tag bookworm's glibc runs, newest first, for `machine` (default: here)."""
    arch = machine or platform.machine()
    major, newest = GLIBC
    tags = [f"manylinux_{major}_{minor}_{arch}" for minor in range(newest, 4, -1)]
    return tags + [f"manylinux2014_{arch}", f"manylinux2010_{arch}", f"manylinux1_{arch}"]


def download_command(lock: Path, dest: Path) -> list[str]:
    """pip download: binary wheels only, each checked against the lock's hashes."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--require-hashes",
               "--no-deps", "--only-binary=:all:", "--implementation", "cp",
               "--python-version", PYTHON_VERSION, "--dest", str(dest), "--requirement",
               str(lock)]
    for tag in platforms():
        command += ["--platform", tag]
    return command


def folder(lock: Path, cache: Path) -> Path:
    """Where the wheelhouse of `lock` lives: named by the lock and its hash."""
    return cache / f"{lock.stem}-{locks.digest(lock)[:16]}"


def ensure(lock: Path, cache: Path, log: Path) -> Path:
    """The wheelhouse of `lock` (its wheels and a copy of the lock), downloaded if missing."""
    target = folder(lock, cache)
    if (target / COMPLETE).exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as out:
        result = subprocess.run(download_command(lock, target), stdout=out,
                                stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"pip could not fetch the wheels of {lock.name} (exit "
                           f"{result.returncode}); see {log}")
    shutil.copy2(lock, target / lock.name)
    (target / COMPLETE).touch()
    return target
