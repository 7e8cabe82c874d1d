"""`astroshop cluster up | deploy | status | verify | down`: the shop on a Terraform-made,
Ansible-deployed cluster of network namespaces (needs root)."""
from __future__ import annotations

import json
import sys
import time

import click
from rich.console import Console

from harness.cluster import lifecycle, status as cluster_status, verify as cluster_verify
from harness.cluster.model import Settings
from harness.cluster.paths import ClusterPaths
from harness.cluster.progress import ConsoleReporter
from harness.cluster.tools import ClusterError, require_root
from harness.commands import cluster_fault, cluster_release
from harness.commands.cluster_fault import cluster_errors
from harness.exits import Exit

console = Console()

@click.group()
def cluster():
    """The shop on a cluster: hosts are network namespaces reached over SSH (needs root)."""


@cluster.command()
@click.option("--hosts", "host_count", default=3, show_default=True, type=click.IntRange(1, 9),
              help="1 runs everything; 3 is edge+data and two app hosts; 4+ adds a data host.")
@click.option("--subnet", default=Settings.subnet, show_default=True, help="Private IPv4 subnet.")
@click.option("--bridge", default=Settings.bridge, show_default=True, help="Bridge name.")
@click.option("--prefix", default=Settings.name_prefix, show_default=True,
              help="Prefix of the hosts' namespaces.")
@cluster_errors
def up(host_count, subnet, bridge, prefix):
    """Provision the hosts (Terraform), deploy the shop (Ansible), verify them (testinfra)."""
    started = time.monotonic()
    reporter = ConsoleReporter(console)
    made = lifecycle.up(Settings(host_count, subnet, bridge, prefix), ClusterPaths.default(),
                        reporter)
    console.print(f"[green]cluster of {len(made.hosts)} hosts up in "
                  f"{time.monotonic() - started:.1f}s[/]")
    cluster_status.print_summary(console, made)


@cluster.command()
@cluster_errors
def deploy():
    """Run Ansible again (only what changed is restarted)."""
    reporter = ConsoleReporter(console)
    recap = lifecycle.deploy(ClusterPaths.default(), reporter)
    changed = {host: counts.get("changed", 0) for host, counts in recap.items()}
    console.print("changed tasks per host: " + ", ".join(f"{h}={n}" for h, n in changed.items()))


@cluster.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@cluster_errors
def status(as_json):
    """Hosts, roles, addresses, links, programs, faults and the URLs of the cluster."""
    require_root()
    report = cluster_status.collect(ClusterPaths.default())
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    cluster_status.print_report(console, report)


@cluster.command()
@click.argument("pytest_args", nargs=-1)
@cluster_errors
def verify(pytest_args):
    """Check every host with pytest-testinfra (processes, sockets, files, health, edge)."""
    require_root()
    result = cluster_verify.run(ClusterPaths.default(), tuple(pytest_args), capture=False)
    sys.exit(Exit.OK if result.returncode == 0 else Exit.FAILED)


@cluster.command()
@cluster_errors
def down():
    """Destroy every host, the key and the bridge; fail if anything is left behind."""
    reporter = ConsoleReporter(console)
    leftovers = lifecycle.down(ClusterPaths.default(), reporter)
    if leftovers:
        raise ClusterError("left behind: " + "; ".join(leftovers))
    console.print("cluster destroyed: no namespace, bridge, process or key left")


cluster.add_command(cluster_fault.fault)
cluster.add_command(cluster_release.release)
