"""detection.json and detection.html of a matrix run, from its journal of events."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from matplotlib.figure import Figure

from harness.faults.catalogue import by_name
from harness.faults.matrix import events
from harness.faults.matrix.outcome import Outcome, summary
from harness.report.plots import data_uri

JSON_FILE, HTML_FILE = "detection.json", "detection.html"
BASELINE_FILE = "baseline.json"  # the gate before any fault (context.Matrix.judge_baseline)


def iso(t: float | None) -> str | None:
    """Epoch seconds as ISO 8601 UTC (None stays None)."""
    return None if t is None else datetime.fromtimestamp(t, timezone.utc).isoformat(
        timespec="seconds")


def outcomes(folder: Path, planned: list[str] | None = None) -> list[dict]:
    """Every fault's outcome; one that began but never finished, or never ran, says so."""
    found = {row["fault"]: row for row in events.results(folder)}
    for name, last in events.latest(folder).items():
        if name not in found:
            found[name] = {**Outcome.of(by_name(name)).as_dict(),
                           "error": f"the trial stopped after '{last['phase']}'; see pytest.log"}
    for name in planned or []:
        if name not in found:
            found[name] = {**Outcome.of(by_name(name)).as_dict(), "error": "not run"}
    return list(found.values())


def plot(rows: list[dict]) -> str | None:
    """Times to detect, to notification and to recover per fault, against their limits, as an
    inline PNG."""
    if not rows:
        return None
    figure = Figure(figsize=(9, 0.6 * len(rows) + 1.4))
    axes = figure.subplots()
    names = [row["fault"] for row in rows][::-1]
    for offset, key, limit, label, colour in (
            (0.27, "time_to_detect_s", "detect_within_s", "time to detect", "tab:orange"),
            (0.0, "time_to_notify_s", None, "time to notification", "tab:red"),
            (-0.27, "time_to_recover_s", "recover_within_s", "time to recover", "tab:blue")):
        ys = [i + offset for i in range(len(names))]
        values = [row.get(key) or 0 for row in rows][::-1]
        axes.barh(ys, values, height=0.26, color=colour, label=label)
        if limit:
            axes.scatter([row[limit] for row in rows][::-1], ys, marker="|", s=120,
                         color=colour, label=f"{label}: limit")
    axes.set_yticks(range(len(names)), names, fontsize=8)
    axes.set_xlabel("seconds after the fault was injected (detect, notify) or cleared (recover)")
    axes.grid(axis="x", alpha=0.3)
    axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return data_uri(figure)


def write(folder: Path, planned: list[str] | None = None) -> dict:
    """Write detection.json and detection.html into `folder`; the JSON's content."""
    folder = Path(folder)
    rows = outcomes(folder, planned)
    journal = events.read(folder)
    baseline = folder / BASELINE_FILE
    content = {"run_id": folder.name, "kind": "faults",
               "baseline": json.loads(baseline.read_text()) if baseline.exists() else None,
               "started": iso(journal[0]["t"] if journal else None),
               "finished": iso(journal[-1]["t"] if journal else None),
               "summary": summary(rows), "outcomes": rows,
               "files": {"html": HTML_FILE, "events": events.EVENTS_FILE, "gates": "gates/"}}
    (folder / JSON_FILE).write_text(json.dumps(content, indent=2))
    env = Environment(loader=PackageLoader("harness.faults.matrix", "templates"),
                      autoescape=select_autoescape(["html"]))
    page = env.get_template(HTML_FILE).render(run=content, image=plot(rows))
    (folder / HTML_FILE).write_text(page, encoding="utf-8")
    return content
