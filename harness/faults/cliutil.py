"""What the `astroshop fault` commands share: the console, exit codes, common options."""
from __future__ import annotations

import functools

import click
from rich.console import Console

from harness.commands.errors import fail
from harness.faults import envoy, flagfile, processes
from harness.faults.values import BadFaultInput

console = Console()
PERCENT = click.option("--percent", type=int, default=100, show_default=True,
                       help="Share of calls affected.")
REPLICA = click.option("--replica", type=int, default=None, help="One replica (default: all).")


def reported(command):
    """Turn fault errors into a one-line message: exit 2 for bad input, 1 otherwise."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BadFaultInput as exc:
            fail(exc, 2)
        except (flagfile.FlagFileError, envoy.EnvoyFaultError,
                processes.ProcessFaultError) as exc:
            fail(exc, 1)

    return wrapper
