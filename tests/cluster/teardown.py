"""Nothing of the cluster suite outlives it: whatever ended the run (a failure, a timeout,
Ctrl-C, SIGTERM: tests/support/stack.py), its hosts are destroyed, even those of a `cluster up`
cut short before it wrote cluster.json; a later run first removes what a killed run (SIGKILL)
left of its slot."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import psutil

from harness.cluster import lifecycle, terraform
from harness.cluster.model import Cluster, Settings
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError
from tests.cluster import session

OWNER = "owner.pid"  # the pytest process a run directory belongs to


def claim(root: Path) -> Path:
    """Mark `root` as this process's run directory (for the sweep of a later run)."""
    (root / OWNER).write_text(str(os.getpid()))
    return root


def abandoned(root: Path) -> bool:
    """Whether the process that made `root` is gone (or never said who it was)."""
    try:
        return not psutil.pid_exists(int((root / OWNER).read_text()))
    except (FileNotFoundError, ValueError):
        return True


def made_hosts(paths: ClusterPaths) -> bool:
    """Whether Terraform's state holds anything (the hosts of a cut-short `up` too)."""
    try:
        return bool(json.loads(paths.terraform_state.read_text()).get("resources"))
    except (FileNotFoundError, ValueError):
        return False


def destroy(root: Path, settings: Settings) -> str:
    """Take the cluster of `root` down: `cluster down` when it was described, else Terraform's
    destroy of whatever `up` made before it was cut short; what it said."""
    paths = ClusterPaths(root / "cluster")
    if paths.state.exists():
        down = session.astroshop(root, "cluster", "down")
        return f"cluster down ({down.returncode}): {down.stdout}{down.stderr}"
    if not made_hosts(paths):
        return "nothing to take down"
    lifecycle.close_ssh_masters(paths)
    log = paths.logs / "cluster.log"
    try:
        terraform.init(paths, log)
        terraform.destroy(settings, paths, log)
    except ClusterError as exc:
        return f"terraform destroy of a cut-short up failed: {exc}"
    return "terraform destroy of a cut-short up: done"


def finish(root: Path, settings: Settings) -> str:
    """Destroy the cluster of `root`; remove the folder when nothing is left, else say so."""
    said = destroy(root, settings)
    paths = ClusterPaths(root / "cluster")
    if paths.state.exists() or made_hosts(paths):
        return f"{said}\nkept {root}: finish with `ASTROSHOP_RUN_DIR={root} astroshop cluster down`"
    shutil.rmtree(root, ignore_errors=True)
    return said


def sweep(settings: Settings, parent: Path = Path("/tmp")) -> list[str]:
    """Take down what killed runs of this slot left (their owner gone); what was done."""
    done = []
    for root in sorted(parent.glob("astro-ct-*")):
        paths = ClusterPaths(root / "cluster")
        ours = (Cluster.load(paths).settings == settings if paths.state.exists() else
                made_hosts(paths) and settings.name_prefix in paths.terraform_state.read_text())
        if ours and abandoned(root):
            done.append(f"{root}: {finish(root, settings)}")
    return done


def in_the_way(settings: Settings) -> list[str]:
    """Namespaces and links of this slot's names that exist (a new cluster would collide)."""
    found = [f"namespace {path.name}" for path in sorted(Path("/run/netns").glob("*"))
             if path.name.startswith(settings.name_prefix)]
    found += [f"link {path.name}" for path in sorted(Path("/sys/class/net").glob("*"))
              if path.name.startswith(settings.name_prefix) or path.name == settings.bridge]
    return found
