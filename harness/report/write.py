"""Write a gate run's files: gate.json, series.json, junit.xml and report.html."""
from __future__ import annotations

import json
from pathlib import Path

from harness import gateresult
from harness.gateresult import GateResult
from harness.report import html, junit, plots

SERIES_FILE = "series.json"


def read_series(folder: Path) -> dict | None:
    """The plot series saved with a run (None for runs without them)."""
    path = Path(folder) / SERIES_FILE
    return json.loads(path.read_text()) if path.is_file() else None


def write_all(folder: Path, gate: GateResult, series: dict | None = None,
              baseline_series: dict | None = None) -> Path:
    """Every file of the run's report; returns the path of report.html."""
    folder = Path(folder)
    gateresult.write(folder, gate)
    if series is not None:
        (folder / SERIES_FILE).write_text(json.dumps(series))
    junit.write(gate, folder / "junit.xml")
    results = {result.name: result for result in gate.objectives}
    images = plots.all_panels(series, baseline_series, results) if series else []
    return html.write(gate, images, folder / "report.html")
