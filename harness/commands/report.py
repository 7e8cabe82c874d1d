"""`astroshop report list | show RUN | compare A B`: the runs kept in reports/."""
from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Column, Table

from harness.commands.errors import fail
from harness.exits import Exit
from harness.report import listing
from harness.report.html import ms, pct
from harness.report.summary import coloured, print_breakpoint, print_gate, print_locust

console = Console()
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")


def read_or_exit(run_id: str) -> listing.Run:
    """A kept run, or a clear message and exit 2."""
    try:
        return listing.read_run(run_id)
    except listing.RunNotFound as exc:
        fail(exc, Exit.USAGE)


@click.group()
def report():
    """Gate and load runs kept in reports/<run-id>/."""


@report.command("list")
@JSON_OPTION
def list_runs(as_json):
    """Every run, newest first: kind, profile, verdict, score."""
    rows = [listing.row(run) for run in listing.runs()]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table(Column("run", no_wrap=True), "kind", "profile", "verdict", "score", "load s")
    for run in rows:
        table.add_row(run["run_id"], run["kind"], run["profile"], coloured(run["verdict"]),
                      pct(run["score"], 0), f"{run['seconds']:.0f}" if run["seconds"] else "-")
    console.print(table)


@report.command()
@click.argument("run_id", metavar="RUN")
@JSON_OPTION
def show(run_id, as_json):
    """One run: its objectives and verdict (gate) or Locust's numbers (load)."""
    run = read_or_exit(run_id)
    if as_json:
        click.echo(json.dumps(run.as_dict(), indent=2))
        return
    content = run.content
    if run.gate:
        print_gate(console, run.gate)
    print_locust(console, content.get("locust"))
    if content.get("breakpoint"):
        print_breakpoint(console, content["breakpoint"])
    console.print(f"folder: {run.folder}")


@report.command()
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@JSON_OPTION
def compare(a, b, as_json):
    """Two gate runs side by side: each objective's status, SLI and p95, and the change."""
    first, second = read_or_exit(a), read_or_exit(b)
    rows = listing.compare(first, second)
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table("objective", f"{a}", f"{b}", "SLI A", "SLI B", "p95 A ms", "p95 B ms",
                  "p95 change")
    for row in rows:
        change = f"{row['p95_change']:+.0%}" if row["p95_change"] is not None else "-"
        table.add_row(row["objective"], coloured(row["status_a"]), coloured(row["status_b"]),
                      pct(row["sli_a"]), pct(row["sli_b"]), ms(row["p95_a"]), ms(row["p95_b"]),
                      change)
    console.print(table)
    for label, run in (("A", first), ("B", second)):
        status = run.gate.verdict.status if run.gate else "-"
        console.print(f"{label} {run.folder.name}: {coloured(status)}")
