"""`astroshop fault ...`: inject flag, network and process faults into the running stack."""
from __future__ import annotations

import json

import click
from rich.table import Table

from harness.faults import actions, flagfile, runtime_cli
from harness.faults.actions import Target
from harness.faults.cliutil import console, reported
from harness.faults.matrix import cli as matrix_cli
from harness.faults.values import BadFaultInput


@click.group()
def fault():
    """Inject faults into the running stack, and clear them."""


@fault.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@reported
def list_faults(as_json):
    """Every flag (name, description, current value) and the active network/process faults."""
    snap = actions.snapshot(Target.default())
    if as_json:
        click.echo(json.dumps(snap, indent=2))
        return
    table = Table("flag", "service", "value", "description", title=snap["flag_file"])
    for flag in snap["flags"]:
        style = "" if flag["variant"] == flagfile.OFF else "bold yellow"
        table.add_row(flag["name"], flag["service"], flag["shown"], flag["description"],
                      style=style)
    console.print(table)
    for network in snap["network"]:
        console.print(f"network: {network['shown']}")
    for name, how in snap["processes"].items():
        console.print(f"process: {name} is {how}")


@fault.command("set")
@click.argument("name")
@click.argument("value")
@reported
def set_flag(name, value):
    """Set flag NAME to a variant, or to a percentage (50%) or duration (250ms) where it fits."""
    state = flagfile.set_flag(Target.default().flag_file, name, value)
    console.print(f"{name} = {state.shown()}")


@fault.command("clear")
@click.argument("name", required=False)
@click.option("--all", "everything", is_flag=True, help="Clear every fault of every kind.")
@reported
def clear(name, everything):
    """Clear flag NAME, or every fault on service NAME, or with --all every fault."""
    if bool(name) == everything:
        raise BadFaultInput("give a flag or service NAME, or --all (not both)")
    target = Target.default()
    for line in actions.clear_all(target) if everything else actions.clear_one(target, name):
        console.print(line)


for command in runtime_cli.COMMANDS + matrix_cli.COMMANDS:
    fault.add_command(command)

COMMANDS = [fault]
