"""The build context, assembled fresh for every build: exactly what the Dockerfile copies
(wheels/<image>/ from the wheelhouses, shop/, healthcheck.py) and nothing else."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from harness.containers import locks, wheelhouse
from harness.paths import REPO_ROOT

HEALTHCHECK = REPO_ROOT / "harness" / "containers" / "healthcheck.py"
WHEELS = {"shop": locks.SHOP_LOCK, "envoy": locks.ENVOY_LOCK}  # wheels/<name>/ <- its lock
SKIPPED = ("__pycache__", "*.pyc")


def tree_files(root: Path) -> list[Path]:
    """Every file under `root` that goes into an image, in a stable order."""
    return sorted(path for path in root.rglob("*") if path.is_file()
                  and "__pycache__" not in path.parts and path.suffix != ".pyc")


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link `source` to `target` (same file system), else copy it."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def assemble(build_dir: Path) -> Path:
    """Write the context under `build_dir` (the wheelhouses cached beside it); return it."""
    target = build_dir / "context"
    shutil.rmtree(target, ignore_errors=True)
    for name, lock in WHEELS.items():
        house = wheelhouse.ensure(lock, build_dir / "wheelhouses", build_dir / "pip.log")
        (target / "wheels" / name).mkdir(parents=True)
        for wheel in house.iterdir():
            if wheel.name != wheelhouse.COMPLETE:
                link_or_copy(wheel, target / "wheels" / name / wheel.name)
    shutil.copytree(REPO_ROOT / "shop", target / "shop", ignore=shutil.ignore_patterns(*SKIPPED))
    shutil.copy2(HEALTHCHECK, target / HEALTHCHECK.name)
    return target
