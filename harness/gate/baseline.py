"""Baselines: an earlier gate run to compare with, by run id or as the last passing run."""
from __future__ import annotations

from pathlib import Path

from harness import gateresult
from harness.gateresult import GATE_FILE, PASS, GateResult, ObjectiveResult
from harness.runs import reports_root

LAST_PASS = "last-pass"


class BaselineError(ValueError):
    """The baseline asked for does not exist or cannot be read."""


def read_gate(folder: Path) -> GateResult:
    """The gate result of a run folder; BaselineError naming the file when it has none."""
    try:
        return gateresult.read(folder)
    except gateresult.GateFileError as exc:
        raise BaselineError(str(exc)) from exc


def gate_runs(root: Path | None = None) -> list[tuple[Path, GateResult]]:
    """Every run folder with a readable gate.json, and its result, oldest first (run ids sort
    by time)."""
    root = Path(root or reports_root())
    runs = []
    for folder in sorted(root.glob("*")) if root.exists() else []:
        if (folder / GATE_FILE).is_file():
            try:
                runs.append((folder, read_gate(folder)))
            except BaselineError:
                continue
    return runs


def last_pass(profile: str, root: Path | None = None,
              exclude: str = "") -> tuple[Path, GateResult]:
    """The newest run of `profile` whose verdict was a pass; BaselineError when there is none."""
    root = Path(root or reports_root())
    for folder, gate in reversed(gate_runs(root)):
        if folder.name != exclude and gate.profile == profile and gate.verdict.status == PASS:
            return folder, gate
    raise BaselineError(f"no earlier passing gate run of profile {profile!r} in "
                        f"{root}; run one, or name a run with --baseline RUN")


def resolve(ref: str, profile: str, root: Path | None = None,
            exclude: str = "") -> tuple[Path, GateResult]:
    """The baseline run named by `ref` (a run id, a run folder, or `last-pass`): its folder
    and its gate result."""
    if ref == LAST_PASS:
        return last_pass(profile, root, exclude)
    folder = Path(root or reports_root()) / ref
    if not folder.is_dir() and Path(ref).is_dir():
        folder = Path(ref)
    return folder, read_gate(folder)


def by_objective(gate: GateResult) -> dict[str, ObjectiveResult]:
    """A baseline's objective results by name."""
    return {result.name: result for result in gate.objectives}
