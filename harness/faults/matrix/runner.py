"""`astroshop fault matrix`: the fault scenarios of features/faults/ in a pytest process of
their own, a live table while they run, then detection.json and detection.html."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.live import Live

from harness.faults.catalogue import FAULTS, Fault, by_name, fast_subset
from harness.faults.matrix import events, progress, report
from harness.paths import REPO_ROOT
from harness.runs import new_run

FEATURES = REPO_ROOT / "features" / "faults"
PLUGINS = ["-p", "pytest_bdd.plugin", "-p", "pytest_timeout", "-p", "no:cacheprovider"]
STARTUP_S = 600  # the stack, the background load, pytest itself; on top of the faults' limits


def chosen(quick: bool, only: tuple[str, ...]) -> list[Fault]:
    """The faults to run: those named (KeyError for an unknown one), the quick subset, or all."""
    if only:
        return [by_name(name) for name in only]
    return fast_subset() if quick else list(FAULTS)


def budget_s(faults: list[Fault]) -> float:
    """The longest the run may take: every limit, twice the recovery (alert, then gate)."""
    return STARTUP_S + sum(f.detect_within_s + 2 * f.recover_within_s + 60 for f in faults)


def command(folder: Path, scenario_timeout_s: float) -> list[str]:
    """The pytest command line that runs the fault scenarios."""
    return [sys.executable, "-m", "pytest", str(FEATURES), *PLUGINS, "-m", "fault", "-q",
            "--tb=short", "--timeout", f"{scenario_timeout_s:.0f}",
            f"--junitxml={folder / 'junit.xml'}", f"--cucumberjson={folder / 'cucumber.json'}"]


def run(faults: list[Fault], console: Console) -> tuple[int, dict]:
    """Run the scenarios of `faults`; pytest's exit code and detection.json's content."""
    names = [fault.name for fault in faults]
    run_id, folder = new_run("faults")
    console.print(f"run {run_id}: {len(names)} faults; log {folder / 'pytest.log'}")
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
           events.FOLDER_VAR: str(folder), events.ONLY_VAR: ",".join(names)}
    slowest = max(f.detect_within_s + 2 * f.recover_within_s for f in faults) + STARTUP_S
    began, limit = time.monotonic(), budget_s(faults)
    with open(folder / "pytest.log", "wb") as log:
        process = subprocess.Popen(command(folder, slowest), cwd=REPO_ROOT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        watch(process, names, folder, console, began + limit)
    return process.returncode, report.write(folder, names)


def watch(process: subprocess.Popen, names: list[str], folder: Path, console: Console,
          deadline: float) -> None:
    """Show progress until pytest ends; past `deadline`, interrupt it (its teardown runs)."""
    began, shown = time.monotonic(), 0
    with Live(progress.view(names, folder, began), console=console, refresh_per_second=1,
              auto_refresh=console.is_terminal) as live:
        while process.poll() is None and time.monotonic() < deadline:
            if console.is_terminal:
                live.update(progress.view(names, folder, began))
            else:
                shown = progress.print_new(console, folder, shown)
            time.sleep(1)
        if process.poll() is None:
            console.print("[red]the matrix overran its time; interrupting it[/]")
            process.send_signal(signal.SIGINT)
            process.wait(180)
        live.update(progress.view(names, folder, began))
