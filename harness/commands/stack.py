"""`astroshop up | down | status | logs`: the local stack."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import click
from rich.console import Console
from rich.table import Table

from harness.alerting import alertmanager
from harness.certs import trust
from harness.commands.errors import fail
from harness.exits import Exit
from harness.stack.options import StackOptions
from harness.stack.runner import Stack, StackError
from harness.model.topology import parse_replicas

console = Console()


def print_urls(stack: Stack) -> None:
    """The addresses a person wants after start-up."""
    options = stack.options()
    topology = options.topology()
    console.print(f"store      {topology.public_url()}/")
    console.print(f"api        {topology.public_url()}/api/products")
    console.print(f"CA         {trust.tls_dir(stack.paths).ca_cert} (`astroshop certs show`: "
                  "how to trust it)")
    plain = "redirects to HTTPS" if options.tls_only else "developer listener, loopback"
    console.print(f"plain HTTP {topology.plain_url()}/ ({plain})")
    console.print(f"prometheus http://127.0.0.1:{topology.prometheus_port}/")
    console.print(f"alerts     {alertmanager.url(topology)}/ (Alertmanager)")
    console.print(f"envoy      http://127.0.0.1:{topology.admin_port}/ (admin, loopback only)")
    console.print(f"run dir    {stack.paths.root}")


@click.command()
@click.option("--replicas", multiple=True, metavar="SERVICE=N", help="Replicas of a service.")
@click.option("--database-url", default="", help="postgresql://... instead of SQLite files.")
@click.option("--redis-url", default="", help="redis://... for the cart instead of SQLite.")
@click.option("--scrape-interval", default=5, show_default=True, help="Prometheus seconds.")
@click.option("--port-offset", type=int, envvar="ASTROSHOP_PORT_OFFSET", default=0,
              show_default=True,
              help="Move every port by this much (run a second stack beside the first).")
@click.option("--tls-only", is_flag=True,
              help="Plain HTTP only redirects to HTTPS (GET, HEAD) or refuses (anything else).")
@click.option("--foreground", is_flag=True, help="Stay attached; Ctrl-C stops the stack.")
@click.option("--timeout", default=90.0, show_default=True, help="Seconds to become healthy.")
def up(replicas, database_url, redis_url, scrape_interval, port_offset, tls_only, foreground,
       timeout):
    """Start every service, Envoy and Prometheus under supervisord."""
    try:
        options = StackOptions(parse_replicas(replicas), database_url, redis_url,
                               scrape_interval, port_offset, tls_only)
        options.topology()
    except (ValueError, KeyError) as exc:
        fail(str(exc), Exit.USAGE)
    stack = Stack.current()
    try:
        seconds = stack.up(options, timeout)
    except StackError as exc:
        if stack.running() and "already running" not in str(exc):
            stack.down()
        fail(str(exc))
    console.print(f"[green]all {len(stack.processes())} processes healthy in {seconds:.1f}s[/]")
    print_urls(stack)
    if foreground:
        follow_until_interrupted(stack)


def follow_until_interrupted(stack: Stack) -> None:
    """Tail every log until Ctrl-C or SIGTERM, then stop the stack."""
    tail = subprocess.Popen(["tail", "-n", "0", "-F", *map(str, stack.paths.logs.glob("*.log"))])
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        while tail.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        console.print("stopping...")
    finally:
        tail.terminate()
        stack.down()


@click.command()
def down():
    """Stop everything `astroshop up` started."""
    stack = Stack.current()
    if stack.down():
        console.print("stack stopped")
    else:
        console.print("no stack is running from " + str(stack.paths.root))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(as_json):
    """A table of processes: name, pid, state, health, port, RSS; exit 3 when none runs."""
    stack = Stack.current()
    if not stack.running():
        if as_json:
            click.echo(json.dumps({"running": False, "processes": []}))
        else:
            console.print("no stack is running; start one with `astroshop up`")
        sys.exit(Exit.CANNOT_JUDGE)
    rows = stack.status()
    if as_json:
        topology = stack.topology()
        click.echo(json.dumps({"running": True, "edge_https_url": topology.public_url(),
                               "ca_file": str(trust.tls_dir(stack.paths).ca_cert),
                               "urls": {"alertmanager": alertmanager.url(topology)},
                               "processes": rows}, indent=2))
        return
    table = Table("name", "pid", "state", "health", "port", "RSS MB")
    for row in rows:
        colour = "green" if row["health"] == "healthy" else "red"
        table.add_row(row["name"], str(row["pid"] or "-"), row["state"],
                      f"[{colour}]{row['health']}[/]", str(row["port"]), f"{row['rss_mb']:.1f}")
    console.print(table)
    console.print(f"total RSS {sum(r['rss_mb'] for r in rows):.0f} MB")


@click.command()
@click.argument("process", required=False)
@click.option("-n", "--lines", default=50, show_default=True)
@click.option("-f", "--follow", is_flag=True)
def logs(process, lines, follow):
    """Show the logs of one process (e.g. catalog-0, envoy) or of all of them."""
    paths = Stack.current().paths
    files = sorted(paths.logs.glob(f"{process}*.log" if process else "*.log"))
    if not files:
        fail(f"no logs for {process or 'any process'} in {paths.logs}")
    subprocess.run(["tail", "-n", str(lines), *(["-F"] if follow else []), *map(str, files)])
