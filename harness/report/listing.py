"""The runs in reports/: listing them, reading one, and comparing two objective by objective."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from harness import gateresult
from harness.gateresult import GATE_FILE, GateResult, ObjectiveResult
from harness.runs import reports_root

LOAD_FILE = "load.json"


class RunNotFound(LookupError):
    """No run with that id (or no readable result in its folder)."""


@dataclass(frozen=True)
class Run:
    """One kept run: a gate's typed result, or the load.json of a load run."""

    folder: Path
    gate: GateResult | None = None
    load: dict | None = None

    @property
    def content(self) -> dict:
        """The run's result as its file holds it."""
        return self.gate.model_dump(mode="json") if self.gate else dict(self.load or {})

    @property
    def kind(self) -> str:
        """`gate`, or what load.json says (`load`)."""
        return "gate" if self.gate else (self.load or {}).get("kind", "load")

    def as_dict(self) -> dict:
        """A JSON-ready form: the result, and where its folder is."""
        return {**self.content, "folder": str(self.folder)}


def read_run(run_id: str, root: Path | None = None) -> Run:
    """The gate result or load.json of a run; RunNotFound naming the folder otherwise."""
    folder = Path(root or reports_root()) / run_id
    if (folder / GATE_FILE).is_file():
        try:
            return Run(folder, gate=gateresult.read(folder))
        except gateresult.GateFileError as exc:
            raise RunNotFound(str(exc)) from exc
    if (folder / LOAD_FILE).is_file():
        return Run(folder, load=json.loads((folder / LOAD_FILE).read_text()))
    raise RunNotFound(f"no run {run_id!r}: {folder} holds no gate.json or load.json; "
                      "`astroshop report list` shows the runs")


def runs(root: Path | None = None) -> list[Run]:
    """Every readable run, newest first."""
    root = Path(root or reports_root())
    found = []
    for folder in sorted(root.iterdir(), reverse=True) if root.is_dir() else []:
        try:
            found.append(read_run(folder.name, root))
        except RunNotFound:
            continue
    return found


def row(run: Run) -> dict:
    """One line of the listing: id, kind, profile, verdict, score, load seconds."""
    gate, load = run.gate, run.load or {}
    window = (gate.window if gate else load.get("window")) or {}
    return {"run_id": gate.run_id if gate else load.get("run_id", run.folder.name),
            "kind": run.kind, "profile": gate.profile if gate else load.get("profile", "?"),
            "verdict": gate.verdict.status if gate else "-",
            "score": gate.verdict.score if gate else None,
            "seconds": window["end"] - window["start"] if window else None}


def p95(result: ObjectiveResult | None) -> float | None:
    """An objective result's p95 in ms, if it has one."""
    return result.percentiles_ms.get("p95") if result else None


def compare(a: Run, b: Run) -> list[dict]:
    """Objective by objective: status, SLI and p95 in A and in B, and the p95 change."""
    before = {o.name: o for o in (a.gate.objectives if a.gate else ())}
    after = {o.name: o for o in (b.gate.objectives if b.gate else ())}
    rows = []
    for name in [*before, *(n for n in after if n not in before)]:
        x, y = before.get(name), after.get(name)
        change = (p95(y) - p95(x)) / p95(x) if p95(x) and p95(y) is not None else None
        rows.append({"objective": name, "status_a": x.status if x else "-",
                     "status_b": y.status if y else "-", "sli_a": x.ratio if x else None,
                     "sli_b": y.ratio if y else None, "p95_a": p95(x), "p95_b": p95(y),
                     "p95_change": change})
    return rows
