"""`astroshop report list | show RUN | compare A B`: the runs kept in reports/."""
from __future__ import annotations

import click
from rich.console import Console
from rich.table import Column, Table

from harness.commands.errors import fail
from harness.report import listing
from harness.report.html import ms, pct
from harness.report.summary import coloured, print_breakpoint, print_gate, print_locust

console = Console()


def read_or_exit(run_id: str) -> dict:
    """A run's result, or a clear message and exit 2."""
    try:
        return listing.read_run(run_id)
    except listing.RunNotFound as exc:
        fail(exc, 2)


@click.group()
def report():
    """Gate and load runs kept in reports/<run-id>/."""


@report.command("list")
def list_runs():
    """Every run, newest first: kind, profile, verdict, score."""
    table = Table(Column("run", no_wrap=True), "kind", "profile", "verdict", "score", "load s")
    for run in map(listing.row, listing.runs()):
        table.add_row(run["run_id"], run["kind"], run["profile"], coloured(run["verdict"]),
                      pct(run["score"], 0), f"{run['seconds']:.0f}" if run["seconds"] else "-")
    console.print(table)


@report.command()
@click.argument("run_id", metavar="RUN")
def show(run_id):
    """One run: its objectives and verdict (gate) or Locust's numbers (load)."""
    run = read_or_exit(run_id)
    if run.get("kind") == "gate":
        print_gate(console, run)
    print_locust(console, run.get("locust"))
    if run.get("breakpoint"):
        print_breakpoint(console, run["breakpoint"])
    console.print(f"folder: {run['folder']}")


@report.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
def compare(a, b):
    """Two gate runs side by side: each objective's status, SLI and p95, and the change."""
    first, second = read_or_exit(a), read_or_exit(b)
    table = Table("objective", f"{a}", f"{b}", "SLI A", "SLI B", "p95 A ms", "p95 B ms",
                  "p95 change")
    for row in listing.compare(first, second):
        change = f"{row['p95_change']:+.0%}" if row["p95_change"] is not None else "-"
        table.add_row(row["objective"], coloured(row["status_a"]), coloured(row["status_b"]),
                      pct(row["sli_a"]), pct(row["sli_b"]), ms(row["p95_a"]), ms(row["p95_b"]),
                      change)
    console.print(table)
    for label, run in (("A", first), ("B", second)):
        verdict = run.get("verdict") or {}
        console.print(f"{label} {run['run_id']}: {coloured(verdict.get('status', '-'))}")


COMMANDS = [report]
