"""Running the features against a target: shared scenarios in parallel, disruptive ones alone."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from harness.bdd import results, selection, summary
from harness.certs import trust
from harness.exits import Exit
from harness.target import Target
from harness.paths import REPO_ROOT

FEATURES = REPO_ROOT / "features"
# Only the plugins the suite needs: autoloading every installed one costs seconds a process.
PLUGINS = ["-p", "pytest_bdd.plugin", "-p", "xdist.plugin", "-p", "xdist.looponfail",
           "-p", "pytest_timeout", "-p", "no:cacheprovider"]
NO_TESTS = int(Exit.NO_TESTS)  # pytest's own code when nothing was selected


@dataclass(frozen=True)
class Phase:
    """One pytest run over the features: a marker selection and how many workers."""

    name: str
    selection: str
    workers: int


def phases(expression: str, workers: int) -> list[Phase]:
    """Shared scenarios (in parallel), then disruptive ones (alone); empty phases left out."""
    scope = f"({expression}) and " if expression else ""
    plan = [Phase("shared", scope + "not disruptive", workers),
            Phase("alone", scope + "disruptive", 0)]
    return [phase for phase in plan if selection.selected(phase.selection, FEATURES)]


def command(phase: Phase, target: Target, folder: Path) -> list[str]:
    """The pytest command line of one phase."""
    cmd = [sys.executable, "-m", "pytest", str(FEATURES), *PLUGINS, "-q", "--tb=short",
           "-m", phase.selection, f"--cucumberjson={folder / f'{phase.name}.cucumber.json'}",
           f"--junitxml={folder / f'{phase.name}.junit.xml'}", "--bdd-report-dir", str(folder),
           *target.options()]
    return cmd + (["-n", str(phase.workers)] if phase.workers > 1 else [])


@dataclass
class Outcome:
    """What a run produced: its exit code, scenarios and report files."""

    code: int
    rows: list[results.Row]
    files: list[Path]
    seconds: float


def run(target: Target, expression: str, workers: int, folder: Path, run_id: str) -> Outcome:
    """Run every phase, then merge their reports into the run's folder."""
    started = time.monotonic()
    plan = phases(expression, workers)
    env = {**os.environ, **trust.environment(), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    codes = [subprocess.run(command(p, target, folder), cwd=REPO_ROOT, env=env).returncode
             for p in plan] or [NO_TESTS]
    parts = {kind: [folder / f"{p.name}.{kind}" for p in plan]
             for kind in ("cucumber.json", "junit.xml")}
    junit = results.merge_junit(parts["junit.xml"], folder / "junit.xml")
    skipped = {name: why for name, (result, why) in results.outcomes(junit).items()
               if result == "skipped"}
    cucumber = results.merge_cucumber(parts["cucumber.json"], folder / "cucumber.json", skipped)
    for part in parts["cucumber.json"] + parts["junit.xml"]:
        part.unlink(missing_ok=True)
    rows = results.rows_of(cucumber, junit)
    seconds = time.monotonic() - started
    files = [folder / "cucumber.json", folder / "junit.xml",
             *summary.write(folder, rows, run_id, target.public_url, expression or "all", seconds)]
    return Outcome(overall(codes), rows, files, seconds)


def overall(codes: list[int]) -> int:
    """One exit code for the phases: a phase with nothing to run does not count."""
    ran = [code for code in codes if code != NO_TESTS]
    if not ran:
        return NO_TESTS
    return max(ran)
