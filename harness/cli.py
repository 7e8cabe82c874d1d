"""The `astroshop` command: one group, with subcommands registered from harness.commands."""
from __future__ import annotations

import click

from harness.commands import bench, demo, stack


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """AstroShop: run the shop, test it, load it, judge it."""


for module in (stack, demo, bench):
    for command in module.COMMANDS:
        main.add_command(command)
