"""`astroshop engine up | down | status [--json]`: a Docker engine for the shop's containers."""
from __future__ import annotations

import json
import sys

import click
from python_on_whales.exceptions import DockerException
from rich.console import Console
from rich.table import Table

from harness.commands.errors import fail
from harness.containers import lifecycle
from harness.containers.enginefiles import EngineFiles
from harness.containers.engine import EngineUnavailable, engine_host
from harness.polling import NeverHappened

console = Console()


@click.group(name="engine")
def engine_group():
    """The Docker engine: started here when none answers, stopped only if started here."""


@engine_group.command()
@click.option("--timeout", default=lifecycle.START_TIMEOUT_S, show_default=True,
              help="Seconds for dockerd to answer.")
def up(timeout):
    """Start dockerd (pid file and log under the run directory) unless an engine answers."""
    files = EngineFiles.of()
    try:
        with console.status(f"starting dockerd (log: {files.log})"):
            outcome = lifecycle.up(files, timeout)
    except (EngineUnavailable, NeverHappened) as exc:
        fail(exc)
    if outcome.acted:
        console.print(f"[green]dockerd started[/] (pid {outcome.pid}) at {engine_host()}; "
                      f"log {files.log}; stop it with `astroshop engine down`")
    elif outcome.pid:
        console.print(f"dockerd started here (pid {outcome.pid}) already answers")
    else:
        console.print(f"an engine already answers at {engine_host()} (not started here: "
                      "`engine down` leaves it running)")


@engine_group.command()
@click.option("--timeout", default=lifecycle.STOP_TIMEOUT_S, show_default=True,
              help="Seconds for dockerd to stop its containers and exit before it is killed.")
def down(timeout):
    """Stop the dockerd started from this run directory; put the host's network back."""
    outcome = lifecycle.down(EngineFiles.of(), timeout)
    if outcome.pid is None:
        console.print("no engine was started from this run directory; nothing to stop")
        return
    what = "stopped" if outcome.acted else "had already exited:"
    console.print(f"dockerd (pid {outcome.pid}) {what}")
    for item in outcome.restored:
        console.print(f"  put back: {item}")


@engine_group.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(as_json):
    """Whether an engine answers, who started it, its versions and files (exit 3: none)."""
    try:
        report = lifecycle.status(EngineFiles.of())
    except DockerException as exc:
        fail(f"docker failed ({exc.return_code}): {exc.stderr}")
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        table = Table("", "", show_header=False)
        for key, value in report.items():
            table.add_row(key, ", ".join(value) if isinstance(value, list) else str(value))
        console.print(table)
    if not report["answering"]:
        sys.exit(3)


