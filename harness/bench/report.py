"""The bench's report: the table in the terminal, and bench.md beside bench.json in the run's
folder (targets, memory, breakpoint, the profiles' top costs and flame graphs)."""
from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from harness.bench.compare import Change, shown
from harness.bench.profiles import top_table
from harness.bench.profiling import Frame, Profile
from harness.bench.targets import TARGETS, measured

FIGURE_LABELS = {"cold_start_s": "cold start to all healthy, s", "rss_mb": "stack RSS, MB",
                 "pss_mb": "stack PSS (shared pages once), MB",
                 "breakpoint_users": "breakpoint: most users held"}


def verdicts(report: dict) -> list[tuple[str, float, str]]:
    """(what, value, 'ok (>= x)' or 'MISSED (>= x)') of every measurement held to a target."""
    rows = []
    for key, what, value in measured(report):
        goal = TARGETS.get(key)
        mark = "no target" if goal is None else (
            f"{'ok' if goal.met(value) else 'MISSED'} ({goal.shown()})")
        rows.append((FIGURE_LABELS.get(what, what), value, mark))
    return rows


def print_report(console: Console, report: dict) -> None:
    """Every wrk side, then every measurement against its target."""
    table = Table("measurement", "req/s", "p50 ms", "p99 ms", "errors")
    for pair in report["throughput"].values():
        for m in pair["sides"].values():
            table.add_row(m["name"], f"{m['rps']:.0f}", f"{m['p50_ms']:.2f}",
                          f"{m['p99_ms']:.2f}", str(m["errors"]))
    console.print(table)
    targets = Table("measurement", "value", "target")
    for what, value, mark in verdicts(report):
        targets.add_row(what, f"{value:g}", mark)
    console.print(targets)


def print_changes(console: Console, before: str, rows: list[Change]) -> None:
    """The figures against a saved report, with the change in percent."""
    table = Table("figure", "before", "now", "change", title=f"against {before}")
    for row in rows:
        table.add_row(row.name, "" if row.before is None else f"{row.before:g}",
                      "" if row.after is None else f"{row.after:g}", shown(row))
    console.print(table)


def markdown(report: dict, charts: list[str] = ()) -> str:
    """bench.md: the targets, the charts (file names beside it), the breakpoint and each
    profile's top costs and flame graph."""
    lines = ["# astroshop bench", "", "| measurement | value | target |", "|---|---:|---|"]
    lines += [f"| {what} | {value:g} | {mark} |" for what, value, mark in verdicts(report)]
    lines += [line for chart in charts for line in ("", f"![{Path(chart).stem}]({chart})")]
    point = report.get("breakpoint")
    if point:
        lines += ["", f"Breakpoint ({point['seconds']:g} s, gate run {point['gate_run']}): held "
                      f"{point['held_users']} users ({point['held_requests_per_s']:g} requests/s "
                      f"at the edge) against {point['baseline_users']} before; broke at "
                      f"{point['broke_users'] or 'no stage'} {', '.join(point['broke_on'])}"]
    for found in report.get("profiles", []):
        lines += ["", f"![flame graph of {found['name']}]({Path(found['svg']).name})", "",
                  top_table(Profile(**{**found, "top": [Frame(**f) for f in found["top"]]})),
                  "", f"Load while sampled: {found['load']}"]
    if report.get("profile_error"):
        lines += ["", f"No profiles: {report['profile_error']}"]
    return "\n".join(lines) + "\n"
