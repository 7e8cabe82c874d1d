"""The bench's charts, written as SVG beside bench.md: each comparison's ratio against its
target, and the memory of every process of the stack against the stack's budget."""
from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from harness.bench.targets import TARGETS

MET, MISSED, LIMIT = "#2e7d32", "#c62828", "#555555"


def ratios(report: dict, out: Path) -> Path | None:
    """Horizontal bars: each throughput comparison's ratio, its target as a tick; None when the
    report has no comparison."""
    pairs = [(name, pair["ratio"], TARGETS.get(pair["target"]))
             for name, pair in report.get("throughput", {}).items()]
    if not pairs:
        return None
    figure = Figure(figsize=(8, 0.55 * len(pairs) + 1.2))
    axes = figure.subplots()
    for row, (name, value, target) in enumerate(reversed(pairs)):
        colour = LIMIT if target is None else (MET if target.met(value) else MISSED)
        axes.barh(row, value, color=colour)
        axes.annotate(f"{value:g}", (value, row), xytext=(3, 0), textcoords="offset points",
                      va="center", fontsize=8)
        if target is not None:
            axes.plot([target.limit] * 2, [row - 0.4, row + 0.4], color=LIMIT, linewidth=2)
    axes.set_yticks(range(len(pairs)), [name for name, _, _ in reversed(pairs)], fontsize=8)
    axes.set_xscale("log")
    axes.set_xlabel("ratio of the two sides' requests/s (log); the grey tick is the target")
    axes.set_title("throughput comparisons: green met, red missed")
    return _save(figure, out / "ratios.svg")


def memory(report: dict, out: Path) -> Path | None:
    """Horizontal bars: RSS of each process (its children included), largest first, titled
    with the sum against the RSS target; None when the report measured no process."""
    processes = sorted(report.get("processes", {}).items(), key=lambda item: item[1])
    if not processes:
        return None
    total, target = report.get("rss_mb", sum(mb for _, mb in processes)), TARGETS["rss_mb"]
    figure = Figure(figsize=(8, 0.3 * len(processes) + 1.2))
    axes = figure.subplots()
    axes.barh(range(len(processes)), [mb for _, mb in processes],
              color=MET if target.met(total) else MISSED)
    axes.set_yticks(range(len(processes)), [name for name, _ in processes], fontsize=8)
    axes.set_xlabel("RSS, MB (a replica: its process and any children)")
    axes.set_title(f"memory per process: {total:g} MB in all, target {target.shown()} MB; "
                   f"PSS {report.get('pss_mb', 'not measured')} MB")
    return _save(figure, out / "memory.svg")


def _save(figure: Figure, path: Path) -> Path:
    """Write `figure` as SVG to `path`."""
    figure.savefig(path, format="svg", bbox_inches="tight")
    return path


def write(report: dict, out: Path) -> list[Path]:
    """Every chart the report has data for, written into `out`."""
    return [path for path in (ratios(report, out), memory(report, out)) if path is not None]
