"""The matrix's journal: one JSON line per step of every fault, read for progress and reports.

The scenarios (a pytest process) append; `astroshop fault matrix` reads the file while they
run, to show progress, and once they are over, to write detection.json and detection.html.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

EVENTS_FILE = "detection-events.jsonl"
FOLDER_VAR = "ASTROSHOP_MATRIX_DIR"  # the report folder of the run the scenarios belong to
ONLY_VAR = "ASTROSHOP_MATRIX_FAULTS"  # comma-separated fault names to run (default: all)
RESULT = "result"


def path(folder: Path) -> Path:
    """The journal of the run in `folder`."""
    return Path(folder) / EVENTS_FILE


def record(folder: Path, fault: str, phase: str, **fields) -> dict:
    """Append one event (`phase` of `fault`, now) to the journal; the event."""
    event = {"t": time.time(), "fault": fault, "phase": phase, **fields}
    with open(path(folder), "a", encoding="utf-8") as out:
        out.write(json.dumps(event) + "\n")
    return event


def read(folder: Path) -> list[dict]:
    """Every complete event so far (a line still being written is left for later)."""
    journal = path(folder)
    if not journal.exists():
        return []
    lines = journal.read_text(encoding="utf-8").split("\n")[:-1]
    return [json.loads(line) for line in lines if line]


def results(folder: Path) -> list[dict]:
    """The final outcome of every fault that finished, in the order they ran."""
    return [event["outcome"] for event in read(folder) if event["phase"] == RESULT]


def latest(folder: Path) -> dict[str, dict]:
    """The last event of each fault, by fault name, in the order the faults began."""
    found: dict[str, dict] = {}
    for event in read(folder):
        found[event["fault"]] = event
    return found


def selected_names(environ: dict | None = None) -> list[str] | None:
    """The fault names the run is limited to, or None for every fault."""
    value = (os.environ if environ is None else environ).get(ONLY_VAR, "").strip()
    return [name.strip() for name in value.split(",") if name.strip()] or None
