"""`astroshop fault ...`: inject flag, network and process faults into the running stack."""
from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from harness.commands import fault_files, fault_matrix, fault_runtime
from harness.commands.cluster_fault import HOST_FAULTS
from harness.commands.fault_runtime import fault_errors
from harness.faults import actions, flagfile
from harness.faults.values import BadFaultInput
from harness.stack.runner import Stack

console = Console()


@click.group()
def fault():
    """Inject faults into the running stack, and clear them."""


@fault.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@fault_errors
def list_faults(as_json):
    """Every flag (name, description, current value) and the active network/process faults."""
    snap = actions.snapshot(Stack.current())
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
@fault_errors
def set_flag(name, value):
    """Set flag NAME to a variant, or to a percentage (50%) or duration (250ms) where it fits."""
    state = flagfile.set_flag(Stack.current().paths.flags, name, value)
    console.print(f"{name} = {state.shown()}")


@fault.command("clear")
@click.argument("name", required=False)
@click.option("--all", "everything", is_flag=True, help="Clear every fault of every kind.")
@fault_errors
def clear(name, everything):
    """Clear flag NAME, or every fault on service NAME, or with --all every fault."""
    if bool(name) == everything:
        raise BadFaultInput("give a flag or service NAME, or --all (not both)")
    stack = Stack.current()
    for line in actions.clear_all(stack) if everything else actions.clear_one(stack, name):
        console.print(line)


for command in fault_runtime.COMMANDS + fault_matrix.COMMANDS + fault_files.COMMANDS:
    fault.add_command(command)
for name, command in HOST_FAULTS.items():
    fault.add_command(command, name)
