"""`astroshop fault matrix` and `astroshop fault falsealarm`."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from harness.commands.errors import fail
from harness.exits import Exit
from harness.faults.catalogue import FAULTS
from harness.faults.matrix import context, falsealarm, progress, runner
from harness.faults.matrix.report import HTML_FILE, JSON_FILE
from harness.runs import reports_root
from harness.stack.runner import Stack

console = Console()


@click.command("matrix")
@click.option("--quick", is_flag=True, help="Only the quick subset (one fault of each kind).")
@click.option("--only", multiple=True, metavar="NAME",
              type=click.Choice([fault.name for fault in FAULTS]),
              help="Only this fault (repeatable).")
def matrix(quick, only):
    """Inject every fault under load, check its signal and the recovery; exit 0 if all held."""
    faults = runner.chosen(quick, only)
    try:
        context.check_scraping(Stack.current())
    except context.MatrixError as exc:
        fail(exc, Exit.CANNOT_JUDGE)
    code, content = runner.run(faults, console)
    console.print(progress.final(content))
    folder = reports_root() / content["run_id"]
    totals = content["summary"]
    console.print(f"{totals['passed']} of {totals['faults']} faults detected and recovered in "
                  f"time (pytest exit {code})")
    console.print(f"report  {folder / HTML_FILE}\n        {folder / JSON_FILE}")
    click.echo(f"RUN_ID={content['run_id']}")
    passed = code == 0 and totals["passed"] == totals["faults"]
    sys.exit(Exit.OK if passed else Exit.FAILED)


@click.command("falsealarm")
@click.option("--gates", "count", type=click.IntRange(1, 50), default=10, show_default=True,
              help="How many clean smoke gates to run.")
def false_alarm(count):
    """Run clean smoke gates one after another; exit 0 only if none fails and nothing pages."""
    try:
        content = falsealarm.run(count, console)
    except context.MatrixError as exc:
        fail(exc, Exit.CANNOT_JUDGE)
    folder = reports_root() / content["run_id"]
    console.print(f"{content['passes']} of {content['count']} clean smoke gates passed without "
                  f"an alarm; pages notified: {', '.join(content['pages']) or 'none'}")
    console.print(f"report  {folder / falsealarm.JSON_FILE}")
    click.echo(f"RUN_ID={content['run_id']}")
    sys.exit(Exit.OK if content["passes"] == content["count"] else Exit.FAILED)


COMMANDS = [matrix, false_alarm]
