"""`astroshop cluster fault host-down | partition | recover HOST`: lose a cluster host, cut it
off the bridge, bring it back. The same commands stand beside the stack's faults as
`astroshop fault host-down | partition | recover-host HOST`."""
from __future__ import annotations

import click
from rich.console import Console

from harness.cluster import faults
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError
from harness.commands.errors import reported
from harness.exits import Exit

console = Console()
cluster_errors = reported({ClusterError: Exit.FAILED})


@click.group()
def fault():
    """Faults of whole hosts: power loss, a pulled cable, and recovery."""


@fault.command("host-down")
@click.argument("host")
@cluster_errors
def host_down(host):
    """Kill every process on HOST and take its link down (a power loss)."""
    faults.inject(ClusterPaths.default(), host, faults.HOST_DOWN)
    console.print(f"{host} is down (every process killed, link down); "
                  f"bring it back with `astroshop cluster fault recover {host}`")


@fault.command()
@click.argument("host")
@cluster_errors
def partition(host):
    """Take HOST's link down; its processes keep running, cut off from the others."""
    faults.inject(ClusterPaths.default(), host, faults.PARTITION)
    console.print(f"{host} is partitioned (link down); "
                  f"heal it with `astroshop cluster fault recover {host}`")


@fault.command()
@click.argument("host")
@click.option("--timeout", default=180.0, show_default=True, help="Seconds to become healthy.")
@cluster_errors
def recover(host, timeout):
    """Undo HOST's fault (link up; after host-down also sshd and its supervisor) and wait."""
    seconds = faults.recover(ClusterPaths.default(), host, timeout)
    console.print(f"{host} recovered: every program running and every replica ready "
                  f"after {seconds:.1f}s")


HOST_FAULTS = {"host-down": host_down, "partition": partition, "recover-host": recover}
