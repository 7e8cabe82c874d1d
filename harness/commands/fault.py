"""`astroshop fault ...`: inject flag, network and process faults into the running stack."""
from __future__ import annotations

import functools
import json
import sys

import click
from rich.console import Console
from rich.table import Table

from harness.faults import actions, envoy, flagfile, processes
from harness.faults.actions import Target
from harness.faults.values import BadFaultInput

console = Console()


def reported(command):
    """Turn fault errors into a one-line message: exit 2 for bad input, 1 otherwise."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BadFaultInput as exc:
            console.print(f"[bold red]error:[/] {exc}")
            sys.exit(2)
        except (flagfile.FlagFileError, envoy.EnvoyFaultError,
                processes.ProcessFaultError) as exc:
            console.print(f"[bold red]error:[/] {exc}")
            sys.exit(1)

    return wrapper


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
    for fault_ in snap["network"]:
        console.print(f"network: {fault_['shown']}")
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


PERCENT = click.option("--percent", type=int, default=100, show_default=True,
                       help="Share of calls affected.")


@fault.command("delay")
@click.argument("service")
@click.argument("ms", type=int)
@PERCENT
@reported
def delay(service, ms, percent):
    """Delay mesh calls to SERVICE by MS milliseconds (Envoy fault filter)."""
    console.print(envoy.delay(Target.default().topology, service, ms, percent).shown())


@fault.command("abort")
@click.argument("service")
@click.argument("code", type=int)
@PERCENT
@reported
def abort(service, code, percent):
    """Answer mesh calls to SERVICE with HTTP CODE instead of calling it (Envoy fault filter)."""
    console.print(envoy.abort(Target.default().topology, service, code, percent).shown())


REPLICA = click.option("--replica", type=int, default=None, help="One replica (default: all).")


@fault.command("kill")
@click.argument("service")
@REPLICA
@click.option("--stay-down", is_flag=True, help="Stop it through supervisord instead; it "
              "stays down until `fault clear`.")
@reported
def kill(service, replica, stay_down):
    """SIGKILL SERVICE's replicas (supervisord restarts them), or stop them with --stay-down."""
    target = Target.default()
    names = processes.replica_names(target.topology, service, replica)
    done = (processes.stop if stay_down else processes.kill)(target.paths, names)
    console.print(f"{'stopped' if stay_down else 'killed'}: {', '.join(done)}")


@fault.command("freeze")
@click.argument("service")
@REPLICA
@reported
def freeze(service, replica):
    """SIGSTOP SERVICE's replicas: connections are accepted but nothing answers."""
    target = Target.default()
    names = processes.replica_names(target.topology, service, replica)
    console.print(f"frozen: {', '.join(processes.freeze(target.paths, names))}")


@fault.command("thaw")
@click.argument("service")
@REPLICA
@reported
def thaw(service, replica):
    """SIGCONT SERVICE's replicas."""
    target = Target.default()
    names = processes.replica_names(target.topology, service, replica)
    console.print(f"thawed: {', '.join(processes.thaw(target.paths, names))}")


COMMANDS = [fault]
