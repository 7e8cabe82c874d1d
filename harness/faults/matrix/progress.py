"""The matrix's live progress: one row per fault, from the journal the scenarios write."""
from __future__ import annotations

import json
import time
from pathlib import Path

from rich.table import Table

from harness.faults.catalogue import by_name
from harness.faults.matrix import events
from harness.faults.matrix.outcome import signal_text
from harness.faults.matrix.report import BASELINE_FILE

WAITING = {"started": "injecting", "injected": "waiting for its signal",
           "notified": "a page reached the receiver", "cleared": "waiting for recovery",
           "pages resolved": "resolved notified; gate next"}
GATE_PHASE = {"detect": "injected", "recover": "cleared"}


def seconds(value: float | None, limit: int) -> str:
    """`12.3 s / 120` or `- / 120`."""
    return f"{'-' if value is None else f'{value:.1f} s'} / {limit}"


def notified(value: float | None) -> str:
    """`14.2 s`, or `no page` when no page on the objective reached the receiver."""
    return "no page" if value is None else f"{value:.1f} s"


def state(last: dict | None) -> str:
    """What a fault is doing, from its last event."""
    if last is None:
        return "queued"
    phase = last["phase"]
    if phase == events.RESULT:
        return "[green]passed[/]" if last["outcome"]["passed"] else "[red]FAILED[/]"
    if phase.startswith("gate "):
        return f"a gate while it is {GATE_PHASE.get(last.get('during'), '?')}: {phase[5:]}"
    return WAITING.get(phase, phase)


def baseline(folder: Path) -> str:
    """What the gate before any fault said, or that it is still running."""
    path = Path(folder) / BASELINE_FILE
    if not path.exists():
        return "baseline gate (before any fault) running"
    gate = json.loads(path.read_text())
    return f"baseline gate {gate['run_id']}: {gate['status']}"


def view(names: list[str], folder: Path, began: float) -> Table:
    """The table of every chosen fault, as the journal in `folder` stands."""
    latest = events.latest(folder)
    done = {row["fault"]: row for row in events.results(folder)}
    table = Table("fault", "kind", "expected signal", "state", "detect / limit", "notified",
                  "recover / limit", title=f"detection matrix: {len(done)} of {len(names)} "
                  f"done, {time.monotonic() - began:.0f} s; {baseline(folder)}")
    for name in names:
        fault, row = by_name(name), done.get(name, {})
        table.add_row(name, fault.kind, signal_text(fault), state(latest.get(name)),
                      seconds(row.get("time_to_detect_s"), fault.detect_within_s),
                      notified(row.get("time_to_notify_s")),
                      seconds(row.get("time_to_recover_s"), fault.recover_within_s))
    return table


def final(content: dict) -> Table:
    """The matrix table of a finished run."""
    table = Table("fault", "signal", "detected on", "time to detect", "time to notification",
                  "recovered", "time to recover", title=f"detection matrix {content['run_id']}")
    for row in content["outcomes"]:
        style = "" if row["passed"] else "red"
        table.add_row(row["fault"], row["signal"], row.get("detected_on") or "no",
                      seconds(row["time_to_detect_s"], row["detect_within_s"]),
                      notified(row.get("time_to_notify_s")),
                      "yes" if row["recovered"] else "no",
                      seconds(row["time_to_recover_s"], row["recover_within_s"]), style=style)
    return table


def print_new(console, folder: Path, shown: int) -> int:
    """Print the journal's events after the first `shown`, one line each (and the baseline
    gate's verdict before the first); the new count."""
    journal = events.read(folder)
    if journal[shown:] and not shown:
        console.print(baseline(folder), highlight=False)
    for event in journal[shown:]:
        clock = time.strftime("%H:%M:%S", time.localtime(event["t"]))
        extra = {k: v for k, v in event.items() if k not in ("t", "fault", "phase", "outcome")}
        line = f"{clock} {event['fault']}: {state(event)}"
        console.print(line + (f" {extra}" if extra else ""), highlight=False)
    return len(journal)
