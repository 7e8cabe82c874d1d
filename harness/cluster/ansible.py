"""ansible-playbook against Terraform's inventory, with its output in a log, the current task
reported as progress, and the recap parsed into numbers."""
from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from harness.cluster import tools
from harness.cluster.paths import ClusterPaths
from harness.paths import REPO_ROOT

PLAYBOOK_DIR = REPO_ROOT / "playbooks"
SITE = PLAYBOOK_DIR / "site.yml"
TASK_LINE = re.compile(r"^TASK \[(?P<name>.+?)\]")
RECAP_LINE = re.compile(r"^(?P<host>\S+)\s+:\s+(?P<counts>(\w+=\d+\s*)+)$")


def environment(paths: ClusterPaths) -> dict[str, str]:
    """Ansible's settings for the cluster of `paths`."""
    return environment_for(paths.root)


def environment_for(root: Path) -> dict[str, str]:
    """The repo's ansible.cfg; control sockets and temporary files under `root`."""
    path = f"{tools.BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    return {**os.environ, "PATH": path, "ANSIBLE_CONFIG": str(PLAYBOOK_DIR / "ansible.cfg"),
            "ANSIBLE_SSH_CONTROL_PATH_DIR": str(root / "ssh" / "cp"),
            "ANSIBLE_LOCAL_TEMP": str(root / "ansible-tmp"),
            "ANSIBLE_NOCOLOR": "1", "ANSIBLE_FORCE_COLOR": "0", "PYTHONUNBUFFERED": "1"}


def parse_recap(lines: list[str]) -> dict[str, dict[str, int]]:
    """host -> {ok, changed, unreachable, failed, ...} from the PLAY RECAP lines."""
    recap: dict[str, dict[str, int]] = {}
    for line in lines[next((i for i, line in enumerate(lines) if line.startswith("PLAY RECAP")),
                           len(lines)):]:
        match = RECAP_LINE.match(line.strip())
        if match:
            recap[match["host"]] = {key: int(value) for key, value in
                                    (pair.split("=") for pair in match["counts"].split())}
    return recap


def failures(lines: list[str]) -> str:
    """The lines that say what failed (fatal/failed/unreachable), at most twenty."""
    picked = [line for line in lines if line.startswith(("fatal:", "failed:", "ERROR!"))
              or "UNREACHABLE" in line]
    return "\n".join(line[:400] for line in picked[-20:])


def playbook(paths: ClusterPaths, log: Path, on_task: Callable[[str], None] = lambda _: None,
             limit: str | None = None, book: Path = SITE,
             extra_vars: Path | None = None) -> dict[str, dict[str, int]]:
    """Run `book` (site.yml) on the cluster, with the variables of the file `extra_vars`;
    return the recap, or raise ClusterError naming failures."""
    command = [str(tools.venv_program("ansible-playbook")), "-i", str(paths.inventory), str(book)]
    if limit:
        command += ["--limit", limit]
    if extra_vars:
        command += ["--extra-vars", f"@{extra_vars}"]
    lines: list[str] = []
    with log.open("a") as out, subprocess.Popen(
            command, env=environment(paths), cwd=PLAYBOOK_DIR, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True) as process:
        for line in process.stdout:
            out.write(line)
            out.flush()
            lines.append(line.rstrip("\n"))
            task = TASK_LINE.match(line)
            if task:
                on_task(task["name"])
    recap = parse_recap(lines)
    if process.returncode != 0:
        raise tools.ClusterError(f"ansible-playbook failed (exit {process.returncode}); "
                                 f"see {log}\n{failures(lines)}")
    return recap
