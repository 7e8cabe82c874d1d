"""amtool from the Debian package `prometheus-alertmanager`: check a config, test its routes."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


class AmtoolFailed(RuntimeError):
    """amtool is missing or refused; the message carries its output."""


def binary() -> str:
    """The amtool executable; AmtoolFailed naming the package when it is missing."""
    found = shutil.which("amtool")
    if not found:
        raise AmtoolFailed("amtool is not installed: install the Debian package "
                           "`prometheus-alertmanager` (scripts/bootstrap.sh does)")
    return found


def run(*args: str) -> str:
    """Run amtool with `args`; its standard output, or AmtoolFailed carrying all it said."""
    done = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=60)
    if done.returncode != 0:
        said = (done.stdout + done.stderr).strip()
        raise AmtoolFailed(f"amtool {' '.join(args[:3])} failed:\n{said}")
    return done.stdout.strip()


def check_config(path: Path) -> str:
    """`amtool check-config` on one Alertmanager config file."""
    return run("check-config", str(path))


def routes_for(path: Path, labels: dict[str, str]) -> list[str]:
    """The receivers an alert with `labels` is routed to, in the order of the tree."""
    pairs = [f"{name}={value}" for name, value in sorted(labels.items())]
    output = run("config", "routes", "test", f"--config.file={path}", *pairs)
    return [name.strip() for name in output.splitlines()[0].split(",") if name.strip()]
