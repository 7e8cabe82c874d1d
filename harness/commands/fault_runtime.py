"""`astroshop fault delay|abort|kill|freeze|thaw`: network and process faults."""
from __future__ import annotations

import click
from rich.console import Console

from harness.commands.errors import reported
from harness.exits import Exit
from harness.faults import envoy, flagfile, processes
from harness.faults.values import BadFaultInput
from harness.stack.replicas import ReplicaError
from harness.stack.runner import Stack, StackError

console = Console()
fault_errors = reported({BadFaultInput: Exit.USAGE,
                         (flagfile.FlagFileError, envoy.EnvoyFaultError,
                          processes.ProcessFaultError, StackError, ReplicaError): Exit.FAILED})
PERCENT = click.option("--percent", type=int, default=100, show_default=True,
                       help="Share of calls affected.")
REPLICA = click.option("--replica", type=int, default=None, help="One replica (default: all).")


def chosen(service: str, replica: int | None) -> tuple[Stack, list[str]]:
    """The current stack and the process names of SERVICE's replicas (or of one)."""
    stack = Stack.current()
    return stack, processes.replica_names(stack, service, replica)


@click.command("delay")
@click.argument("service")
@click.argument("ms", type=int)
@PERCENT
@fault_errors
def delay(service, ms, percent):
    """Delay mesh calls to SERVICE by MS milliseconds (Envoy fault filter)."""
    console.print(envoy.delay(Stack.current(), service, ms, percent).shown())


@click.command("abort")
@click.argument("service")
@click.argument("code", type=int)
@PERCENT
@fault_errors
def abort(service, code, percent):
    """Answer mesh calls to SERVICE with HTTP CODE instead of calling it (Envoy fault filter)."""
    console.print(envoy.abort(Stack.current(), service, code, percent).shown())


@click.command("kill")
@click.argument("service")
@REPLICA
@click.option("--stay-down", is_flag=True, help="Stop it through supervisord instead; it "
              "stays down until `fault clear`.")
@fault_errors
def kill(service, replica, stay_down):
    """SIGKILL SERVICE's replicas (supervisord restarts them), or stop them with --stay-down."""
    stack, names = chosen(service, replica)
    done = stack.stop(names) if stay_down else processes.kill(stack, names)
    console.print(f"{'stopped' if stay_down else 'killed'}: {', '.join(done) or 'none running'}")


@click.command("freeze")
@click.argument("service")
@REPLICA
@fault_errors
def freeze(service, replica):
    """SIGSTOP SERVICE's replicas: connections are accepted but nothing answers."""
    console.print(f"frozen: {', '.join(processes.freeze(*chosen(service, replica)))}")


@click.command("thaw")
@click.argument("service")
@REPLICA
@fault_errors
def thaw(service, replica):
    """SIGCONT SERVICE's replicas."""
    console.print(f"thawed: {', '.join(processes.thaw(*chosen(service, replica)))}")


COMMANDS = [delay, abort, kill, freeze, thaw]
