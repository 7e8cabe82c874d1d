"""`astroshop fault delay|abort|kill|freeze|thaw`: network and process faults."""
from __future__ import annotations

import click

from harness.faults import envoy, processes
from harness.faults.actions import Target
from harness.faults.cliutil import PERCENT, REPLICA, console, reported


@click.command("delay")
@click.argument("service")
@click.argument("ms", type=int)
@PERCENT
@reported
def delay(service, ms, percent):
    """Delay mesh calls to SERVICE by MS milliseconds (Envoy fault filter)."""
    console.print(envoy.delay(Target.default().topology, service, ms, percent).shown())


@click.command("abort")
@click.argument("service")
@click.argument("code", type=int)
@PERCENT
@reported
def abort(service, code, percent):
    """Answer mesh calls to SERVICE with HTTP CODE instead of calling it (Envoy fault filter)."""
    console.print(envoy.abort(Target.default().topology, service, code, percent).shown())


@click.command("kill")
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


@click.command("freeze")
@click.argument("service")
@REPLICA
@reported
def freeze(service, replica):
    """SIGSTOP SERVICE's replicas: connections are accepted but nothing answers."""
    target = Target.default()
    names = processes.replica_names(target.topology, service, replica)
    console.print(f"frozen: {', '.join(processes.freeze(target.paths, names))}")


@click.command("thaw")
@click.argument("service")
@REPLICA
@reported
def thaw(service, replica):
    """SIGCONT SERVICE's replicas."""
    target = Target.default()
    names = processes.replica_names(target.topology, service, replica)
    console.print(f"thawed: {', '.join(processes.thaw(target.paths, names))}")


COMMANDS = [delay, abort, kill, freeze, thaw]
