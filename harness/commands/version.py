"""`astroshop --version`: the installed version, and the git commit of the checkout if any."""
from __future__ import annotations

import subprocess
from importlib.metadata import PackageNotFoundError, version

import click

from harness.paths import REPO_ROOT


def commit() -> str | None:
    """The short commit of the repository's checkout (marked -dirty with local changes)."""
    try:
        done = subprocess.run(["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty",
                               "--abbrev=12", "--exclude=*"], capture_output=True, text=True,
                              timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def text() -> str:
    """`astroshop 0.1.0 (commit 0123456789ab)`, without the commit outside a checkout."""
    try:
        number = version("astroshop")
    except PackageNotFoundError:
        number = "unknown"
    found = commit()
    return f"astroshop {number}" + (f" (commit {found})" if found else "")


def print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """The --version option's callback: print and exit."""
    if value and not ctx.resilient_parsing:
        click.echo(text())
        ctx.exit()
