"""The `astroshop` command: one group, its commands loaded from harness/commands/ on use."""
from __future__ import annotations

import click

from harness.commands.lazy import LazyGroup
from harness.commands.version import print_version

COMMANDS = {
    "alerts": "harness.commands.alerts:alerts",
    "bdd": "harness.commands.bdd:bdd",
    "bench": "harness.commands.bench:bench",
    "certs": "harness.commands.certs:certs",
    "cluster": "harness.commands.cluster:cluster",
    "compose": "harness.commands.compose:compose_group",
    "dashboards": "harness.commands.dashboards:dashboards",
    "down": "harness.commands.stack:down",
    "engine": "harness.commands.engine:engine_group",
    "fault": "harness.commands.fault:fault",
    "gate": "harness.commands.gate:gate",
    "images": "harness.commands.images:images_group",
    "keys": "harness.commands.keys:keys",
    "k8s": "harness.commands.k8s:k8s_group",
    "load": "harness.commands.load:load",
    "logs": "harness.commands.stack:logs",
    "purchase": "harness.commands.demo:purchase",
    "release": "harness.commands.release:release",
    "report": "harness.commands.report:report",
    "slo": "harness.commands.slo:slo",
    "status": "harness.commands.stack:status",
    "up": "harness.commands.stack:up",
}


@click.group(cls=LazyGroup, lazy=COMMANDS,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=print_version, help="Show the version (and git commit) and exit.")
def main() -> None:
    """AstroShop: run the shop, test it, load it, judge it."""
