"""The `astroshop` command: one group; every module of harness.commands adds its COMMANDS."""
from __future__ import annotations

import importlib
import pkgutil

import click

from harness import commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """AstroShop: run the shop, test it, load it, judge it."""


for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
    module = importlib.import_module(f"{commands.__name__}.{info.name}")
    for command in getattr(module, "COMMANDS", ()):
        main.add_command(command)
