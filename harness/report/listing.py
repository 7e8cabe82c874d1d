"""The runs in reports/: listing them, reading one, and comparing two objective by objective."""
from __future__ import annotations

import json
from pathlib import Path

from harness.runs import reports_root

RUN_FILES = ("gate.json", "load.json")


class RunNotFound(LookupError):
    """No run with that id (or no readable result in its folder)."""


def read_run(run_id: str, root: Path | None = None) -> dict:
    """The gate.json or load.json of a run; RunNotFound naming the folder otherwise."""
    folder = Path(root or reports_root()) / run_id
    for name in RUN_FILES:
        if (folder / name).is_file():
            return {**json.loads((folder / name).read_text()), "folder": str(folder)}
    raise RunNotFound(f"no run {run_id!r}: {folder} holds no gate.json or load.json; "
                      "`astroshop report list` shows the runs")


def runs(root: Path | None = None) -> list[dict]:
    """Every readable run, newest first."""
    root = Path(root or reports_root())
    found = []
    for folder in sorted(root.iterdir(), reverse=True) if root.is_dir() else []:
        if any((folder / name).is_file() for name in RUN_FILES):
            found.append(read_run(folder.name, root))
    return found


def row(run: dict) -> dict:
    """One line of the listing: id, kind, profile, verdict, score, load seconds."""
    verdict = run.get("verdict") or {}
    window = run.get("window") or {}
    seconds = window.get("end", 0) - window.get("start", 0) if window else None
    return {"run_id": run["run_id"], "kind": run.get("kind", "?"),
            "profile": run.get("profile", "?"), "verdict": verdict.get("status", "-"),
            "score": verdict.get("score"), "seconds": seconds}


def p95(result: dict) -> float | None:
    """An objective result's p95 in ms, if it has one."""
    return (result.get("percentiles_ms") or {}).get("p95")


def compare(a: dict, b: dict) -> list[dict]:
    """Objective by objective: status, SLI and p95 in A and in B, and the p95 change."""
    before = {o["name"]: o for o in a.get("objectives", [])}
    after = {o["name"]: o for o in b.get("objectives", [])}
    rows = []
    for name in [*before, *(n for n in after if n not in before)]:
        x, y = before.get(name, {}), after.get(name, {})
        change = (p95(y) - p95(x)) / p95(x) if p95(x) and p95(y) is not None else None
        rows.append({"objective": name, "status_a": x.get("status", "-"),
                     "status_b": y.get("status", "-"), "sli_a": x.get("ratio"),
                     "sli_b": y.get("ratio"), "p95_a": p95(x), "p95_b": p95(y),
                     "p95_change": change})
    return rows
