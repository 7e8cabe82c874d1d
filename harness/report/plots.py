"""The report's plots: matplotlib figures rendered to PNG and embedded as data URIs."""
from __future__ import annotations

import base64
import io

from matplotlib.figure import Figure

from harness.gateresult import ObjectiveResult

Lines = dict[str, list[tuple[float, float]]]
BASELINE_STYLE = {"linestyle": "--", "linewidth": 1.0, "alpha": 0.6}


def data_uri(figure: Figure) -> str:
    """The figure as an inline PNG (data:image/png;base64,...)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def panel(title: str, ylabel: str, lines: Lines, baseline: Lines | None = None,
          thresholds: list[tuple[float, str, str]] | None = None, percent: bool = False) -> str:
    """One time plot: the run's lines, the baseline's dashed, thresholds dotted (in the
    colour of the line they belong to, named by their third item, else red)."""
    figure = Figure(figsize=(8, 3.2))
    axes = figure.subplots()
    colours = {}
    for label, values in sorted(lines.items()):
        if values:
            drawn = axes.plot(*zip(*values), label=label, linewidth=1.6)
            colours[label] = drawn[0].get_color()
    for label, values in sorted((baseline or {}).items()):
        if values:
            axes.plot(*zip(*values), label=f"{label} (baseline)",
                      color=colours.get(label, "grey"), **BASELINE_STYLE)
    for value, label, owner in thresholds or []:
        axes.axhline(value, color=colours.get(owner, "crimson"), linestyle=":", linewidth=1.4,
                     label=label)
    axes.set_title(title, fontsize=11)
    axes.set_xlabel("seconds since the load started")
    axes.set_ylabel(ylabel)
    if percent:
        axes.yaxis.set_major_formatter(lambda value, _pos: f"{value:.1%}")
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return data_uri(figure)


def all_panels(series: dict[str, Lines], baseline: dict[str, Lines] | None,
               objectives: dict[str, ObjectiveResult]) -> list[tuple[str, str]]:
    """(title, image) for every panel, with thresholds taken from the objectives' results."""
    base = baseline or {}
    images = [("Requests per second at the edge", panel(
        "Requests per second at the edge", "per second", series.get("throughput", {}),
        base.get("throughput")))]
    for key, lines in series.items():
        if not key.startswith("latency:"):
            continue
        name = key.split(":", 1)[1]
        limit = objectives[name].threshold_ms if name in objectives else None
        earlier = {"p95": base[key]["p95"]} if key in base and "p95" in base[key] else None
        title = f"{name}: p50 / p95 / p99 latency"
        images.append((title, panel(title, "ms", lines, earlier,
                                    [(limit, f"threshold {limit:g} ms", "")] if limit else None)))
    budgets = [(1 - objectives[name].target, f"{name} budget", name)
               for name in series.get("errors", {}) if name in objectives]
    images.append(("Bad-event ratio of each objective", panel(
        "Bad-event ratio of each objective", "share of events", series.get("errors", {}),
        base.get("errors"), budgets, percent=True)))
    for key, ylabel in (("service requests/s", "per second"), ("service 5xx ratio", "share"),
                        ("service p95 ms", "ms")):
        title = f"Per service: {key}"
        images.append((title, panel(title, ylabel, series.get(key, {}), base.get(key),
                                    percent=key.endswith("ratio"))))
    return images
