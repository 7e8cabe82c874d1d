"""`astroshop bdd`: the acceptance features against the local stack or any deployed shop."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from harness.bdd import runner, selection
from harness.commands.errors import fail
from harness.exits import Exit
from harness.runs import new_run
from harness.stack.options import StackOptions
from harness.stack.runner import Stack, StackError
from harness.target import TargetError, check_open, resolve

console = Console()


def local_stack(stack: Stack) -> Stack | None:
    """Start `stack` when it does not run; the stack started, or None."""
    if stack.running():
        return None
    console.print(f"no stack runs from {stack.paths.root}: starting one")
    seconds = stack.up(StackOptions(), timeout=120)
    console.print(f"[green]stack healthy in {seconds:.1f}s[/]")
    return stack


def report(outcome: runner.Outcome) -> None:
    """The verdict, the scenarios that did not pass, and where the reports are."""
    problems = [row for row in outcome.rows if row.result in ("failed", "error")]
    counts = {r: sum(row.result == r for row in outcome.rows)
              for r in ("passed", "failed", "error", "skipped")}
    colour = "red" if problems or outcome.code else "green"
    console.print(f"[bold {colour}]{counts['passed']} passed, {counts['failed']} failed, "
                  f"{counts['error']} errors, {counts['skipped']} skipped in "
                  f"{outcome.seconds:.1f}s[/]")
    for row in problems:
        console.print("[red]✗[/] ", end="")
        console.print(f"{row.feature}: {row.scenario}\n    {row.failing_step}\n    {row.message}",
                      markup=False, highlight=False)
    for path in outcome.files:
        console.print(f"  {path}")


@click.command()
@click.option("--target", help="Public URL of a deployed AstroShop. Default: the local stack "
                               "($ASTROSHOP_RUN_DIR), started if none runs.")
@click.option("--mesh-url", help="The target's internal listener, if reachable: lets QA steps "
                                 "count charges and read the outbox.")
@click.option("--tags", help='Which scenarios, e.g. "smoke", "api and not slow", "@ui or @edge".')
@click.option("--workers", default=2, show_default=True,
              help="pytest-xdist workers for the scenarios that share the shop (0 or 1: none).")
@click.option("--keep-stack", is_flag=True, help="Leave running a stack this command started.")
def bdd(target, mesh_url, tags, workers, keep_stack):
    """Run the Gherkin features (API and real browser) and write reports/<run-id>/."""
    try:
        expression = selection.tag_expression(tags, selection.known_tags())
    except selection.TagError as exc:
        fail(exc, Exit.USAGE)
    stack, started = Stack.current(), None
    try:
        started = None if target else local_stack(stack)
        chosen = resolve(target, stack, mesh_url)
        check_open(chosen)
        run_id, folder = new_run("bdd")
        console.print(f"run {run_id}: {chosen.public_url}, tags {expression or 'all'}")
        outcome = runner.run(chosen, expression, workers, folder, run_id)
    except (TargetError, StackError) as exc:
        fail(exc, Exit.CANNOT_JUDGE)
    finally:
        if started is not None and not keep_stack:
            started.down()
    report(outcome)
    if outcome.code == runner.NO_TESTS:
        fail(f"no scenario matches the tags {expression!r}", Exit.NO_TESTS)
    sys.exit(outcome.code if outcome.code in (Exit.OK, Exit.FAILED) else Exit.FAILED)
