"""Graphs without Grafana: every panel drawn with matplotlib from Prometheus range queries."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from matplotlib.figure import Figure
from prometheus_api_client import PrometheusConnect

from harness.dashboards import drawing, sources
from harness.dashboards.sources import Panel

MAX_POINTS = 240


@dataclass(frozen=True)
class Picture:
    """One rendered panel: where its PNG is and how many series it drew."""

    dashboard: str
    panel: str
    path: Path
    series: int


def slug(text: str) -> str:
    """A file-name-safe form of a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "panel"


def step_for(start: datetime, end: datetime, minimum_s: float) -> float:
    """A query step giving at most MAX_POINTS points, never below the scrape interval."""
    return max(minimum_s, (end - start).total_seconds() / MAX_POINTS)


def fetch(client: PrometheusConnect, panel: Panel, start: datetime, end: datetime,
          step_s: float) -> list[tuple[str, list[dict]]]:
    """(legend, series) for each query of the panel, over [start, end]."""
    return [(legend, client.custom_query_range(query, start, end, f"{step_s:g}"))
            for query, legend in zip(panel.queries, panel.legends)]


def render(panel: Panel, results: list[tuple[str, list[dict]]], path: Path) -> int:
    """Draw one panel into `path`; the number of series drawn."""
    figure = Figure(figsize=(8, 3.6), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    if panel.kind == "heatmap":
        drawn = drawing.heatmap(axes, results[0][1], panel.unit)
    else:
        drawn = drawing.lines(axes, results, panel.unit, last_value=panel.kind == "stat")
    axes.set_title(f"{panel.dashboard} / {panel.title}", fontsize=10, loc="left")
    if not drawn:
        axes.text(0.5, 0.5, "no data", ha="center", va="center", transform=axes.transAxes)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    return drawn


def snapshot(client: PrometheusConnect, uid_panels: dict[str, list[Panel]], out_dir: Path,
             start: datetime, end: datetime, minimum_step_s: float = 1.0) -> list[Picture]:
    """PNG of every panel, in `out_dir/<dashboard uid>/<nn>-<panel>.png`."""
    step_s = step_for(start, end, minimum_step_s)
    pictures = []
    for uid, panels in uid_panels.items():
        for index, panel in enumerate(panels, start=1):
            path = Path(out_dir) / uid / f"{index:02d}-{slug(panel.title)}.png"
            drawn = render(panel, fetch(client, panel, start, end, step_s), path)
            pictures.append(Picture(panel.dashboard, panel.title, path, drawn))
    return pictures


def snapshot_dashboards(client: PrometheusConnect, out_dir: Path, start: datetime,
                        end: datetime, uids: tuple[str, ...] = (),
                        minimum_step_s: float = 1.0) -> list[Picture]:
    """Load dashboards/*.dashboard.py and draw the panels of all (or of `uids`) over a window.

    The entry point for reports, e.g. the gate drawing exactly its load window.
    """
    models = [sources.to_json(d) for d in sources.load_all()]
    chosen = {m["uid"]: sources.panels(m) for m in models if not uids or m["uid"] in uids}
    return snapshot(client, chosen, out_dir, start, end, minimum_step_s)
