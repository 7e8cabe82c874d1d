"""`astroshop fault generate [--check]`: the flag file and the fault features' Examples,
regenerated from the fault catalogue (harness/faults/catalogue.py)."""
from __future__ import annotations

import click
from rich.console import Console

from harness.commands.errors import fail
from harness.faults import derived
from harness.paths import REPO_ROOT

console = Console()


def shown(paths) -> str:
    """The paths, comma separated; relative to the repository when they are in it."""
    return ", ".join(str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT)
                     else str(path) for path in paths)


@click.command()
@click.option("--check", is_flag=True, help="Exit 1 if a file disagrees with the catalogue.")
def generate(check):
    """Write flags.json and the Examples of features/faults/ from the fault catalogue."""
    try:
        stale = derived.drift() if check else derived.write()
    except ValueError as exc:
        fail(exc)
    if check and stale:
        fail(f"out of date with the fault catalogue: {shown(stale)}; "
             "run `astroshop fault generate`")
    if check:
        console.print("flags.json and features/faults/ match the fault catalogue")
    else:
        console.print(f"rewrote {shown(stale)}" if stale else "nothing to rewrite")


COMMANDS = [generate]
