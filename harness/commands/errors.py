"""How every `astroshop` command reports an error: one red line, no traceback, an exit code.

The line is never wrapped, so a path or a spec field in it stays whole for grep and for
tests, whatever the terminal width; rich markup in the message is shown as written.
"""
from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape

stdout = Console(highlight=False)


def error(message: object, console: Console = stdout) -> None:
    """Print `message` as an error line."""
    console.print(f"[bold red]error:[/] {escape(str(message))}", soft_wrap=True)


def fail(message: object, code: int = 1, console: Console = stdout):
    """Print `message` as an error line and exit with `code`."""
    error(message, console)
    sys.exit(code)
