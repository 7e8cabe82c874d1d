"""Baselines: an earlier gate run to compare with, by run id or as the last passing run."""
from __future__ import annotations

import json
from pathlib import Path

from harness.runs import reports_root

LAST_PASS = "last-pass"
GATE_FILE = "gate.json"


class BaselineError(ValueError):
    """The baseline asked for does not exist or cannot be read."""


def read_gate(folder: Path) -> dict:
    """The gate.json of a run folder; BaselineError naming the file when it is missing."""
    path = Path(folder) / GATE_FILE
    try:
        return json.loads(path.read_text())
    except OSError as exc:
        raise BaselineError(f"{path}: no gate report there ({exc.strerror}); "
                            "`astroshop report list` shows the runs") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not valid JSON: {exc}") from exc


def gate_runs(root: Path | None = None) -> list[tuple[str, dict]]:
    """Every run with a readable gate.json, oldest first (run ids sort by time)."""
    root = Path(root or reports_root())
    runs = []
    for folder in sorted(root.glob("*")) if root.exists() else []:
        if (folder / GATE_FILE).is_file():
            try:
                runs.append((folder.name, read_gate(folder)))
            except BaselineError:
                continue
    return runs


def last_pass(profile: str, root: Path | None = None, exclude: str = "") -> tuple[Path, dict]:
    """The newest run of `profile` whose gate exited 0; BaselineError when there is none."""
    root = Path(root or reports_root())
    for run_id, gate in reversed(gate_runs(root)):
        if run_id != exclude and gate.get("profile") == profile and \
                gate.get("verdict", {}).get("exit_code") == 0:
            return root / run_id, gate
    raise BaselineError(f"no earlier passing gate run of profile {profile!r} in "
                        f"{root}; run one, or name a run with --baseline RUN")


def resolve(ref: str, profile: str, root: Path | None = None,
            exclude: str = "") -> tuple[Path, dict]:
    """The baseline run named by `ref` (a run id, a run folder, or `last-pass`): its folder
    and its gate.json."""
    if ref == LAST_PASS:
        return last_pass(profile, root, exclude)
    folder = Path(root or reports_root()) / ref
    if not folder.is_dir() and Path(ref).is_dir():
        folder = Path(ref)
    return folder, read_gate(folder)


def by_objective(gate: dict) -> dict[str, dict]:
    """A baseline's objective results by name."""
    return {result["name"]: result for result in gate.get("objectives", [])}
