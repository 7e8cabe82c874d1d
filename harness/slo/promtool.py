"""promtool from the Debian `prometheus` package: check rule files and run rule unit tests."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from harness.paths import REPO_ROOT
from harness.slo import rules, ruletests
from harness.slo.spec import Objective

HAND_WRITTEN_TESTS = REPO_ROOT / "tests" / "rules"


class PromtoolFailed(RuntimeError):
    """promtool is missing or refused the rules; the message carries its output."""


def binary() -> str:
    """The promtool executable; PromtoolFailed naming the package when it is missing."""
    found = shutil.which("promtool")
    if not found:
        raise PromtoolFailed("promtool is not installed: install the Debian package "
                             "`prometheus` (scripts/bootstrap.sh does)")
    return found


def run(*args: str, timeout: float = 300) -> str:
    """Run promtool with `args`; its output, or PromtoolFailed carrying that output."""
    done = subprocess.run([binary(), *args], capture_output=True, text=True, timeout=timeout)
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise PromtoolFailed(f"promtool {args[0]} {args[1]} failed:\n{output}")
    return output


def check_rules(path: Path) -> str:
    """`promtool check rules` on one rule file."""
    return run("check", "rules", str(path))


def test_rules(paths: Iterable[Path]) -> str:
    """`promtool test rules` on test files (each names its rule files)."""
    paths = [str(p) for p in paths]
    if not paths:
        raise PromtoolFailed("no rule test files to run")
    return run("test", "rules", *paths)


def copy_hand_written(out_dir: Path, source: Path = HAND_WRITTEN_TESTS) -> list[Path]:
    """Copy tests/rules/*.test.yml next to a rendered slo.rules.yml and its per-objective
    files (they name one relatively)."""
    ruletests.split_rules(Path(out_dir) / rules.RULES_FILE, out_dir)
    copies = []
    for path in sorted(Path(source).glob("*.test.yml")):
        target = Path(out_dir) / f"hand-written.{path.name}"
        target.write_text(path.read_text())
        copies.append(target)
    return copies


def verify(objectives: list[Objective], short_window: bool = False,
           out_dir: Path | None = None) -> str:
    """Render the rules and their tests, then check and test them; promtool's report.

    The hand-written tests in tests/rules/ hold standard-window numbers, so they run with
    the standard rules only.
    """
    with tempfile.TemporaryDirectory(prefix="astroshop-rules-") as scratch:
        folder = Path(out_dir or scratch)
        rules_path = rules.write_rules(objectives, folder, short_window)
        report = check_rules(rules_path)
        tests = ruletests.write_tests(objectives, rules_path, folder, short_window)
        if not short_window:
            tests += copy_hand_written(folder)
        return report + "\n" + test_rules(tests)
