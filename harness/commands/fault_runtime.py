"""`astroshop fault delay|abort|kill|freeze|thaw`: network and process faults."""
from __future__ import annotations

import click
from rich.console import Console

from harness.commands.errors import reported
from harness.exits import Exit
from harness.containers.engine import EngineUnavailable
from harness.faults import envoy, flagfile, processes
from harness.faults.control import replicas_of
from harness.faults.values import BadFaultInput
from harness.stack.replicas import ReplicaError
from harness.stack.runner import Stack, StackError

console = Console()
fault_errors = reported({BadFaultInput: Exit.USAGE,
                         (flagfile.FlagFileError, envoy.EnvoyFaultError,
                          processes.ProcessFaultError, StackError, ReplicaError,
                          EngineUnavailable): Exit.FAILED})
PERCENT = click.option("--percent", type=int, default=100, show_default=True,
                       help="Share of calls affected.")
REPLICA = click.option("--replica", type=int, default=None, help="One replica (default: all).")


def chosen(service: str, replica: int | None):
    """The replicas of what runs from the run directory (the local stack's processes or the
    compose stack's containers), and the names of SERVICE's replicas (or of one)."""
    replicas = replicas_of(Stack.current())
    return replicas, replicas.names(service, replica)


@click.command("delay")
@click.argument("service")
@click.argument("ms", type=int)
@PERCENT
@fault_errors
def delay(service, ms, percent):
    """Delay mesh calls to SERVICE by MS milliseconds (Envoy fault filter)."""
    console.print(envoy.delay(Stack.current().topology(), service, ms, percent).shown())


@click.command("abort")
@click.argument("service")
@click.argument("code", type=int)
@PERCENT
@fault_errors
def abort(service, code, percent):
    """Answer mesh calls to SERVICE with HTTP CODE instead of calling it (Envoy fault filter)."""
    console.print(envoy.abort(Stack.current().topology(), service, code, percent).shown())


@click.command("kill")
@click.argument("service")
@REPLICA
@click.option("--stay-down", is_flag=True, help="Stop it gracefully instead (supervisord, or "
              "docker stop); it stays down until `fault clear`.")
@fault_errors
def kill(service, replica, stay_down):
    """SIGKILL SERVICE's replicas (supervisord restarts them; a compose stack's container stays
    down until `fault clear`), or stop them with --stay-down."""
    replicas, names = chosen(service, replica)
    done = replicas.stop(names) if stay_down else replicas.kill(names)
    console.print(f"{'stopped' if stay_down else 'killed'}: {', '.join(done) or 'none running'}")


@click.command("freeze")
@click.argument("service")
@REPLICA
@fault_errors
def freeze(service, replica):
    """SIGSTOP SERVICE's replicas (docker pause on a compose stack): connections are accepted
    but nothing answers."""
    replicas, names = chosen(service, replica)
    console.print(f"frozen: {', '.join(replicas.freeze(names))}")


@click.command("thaw")
@click.argument("service")
@REPLICA
@fault_errors
def thaw(service, replica):
    """SIGCONT SERVICE's replicas (docker unpause on a compose stack)."""
    replicas, names = chosen(service, replica)
    console.print(f"thawed: {', '.join(replicas.thaw(names))}")


COMMANDS = [delay, abort, kill, freeze, thaw]
