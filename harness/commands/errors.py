"""How every `astroshop` command reports an error: one red line on stderr, no traceback, and
an exit code of harness/exits.py.

The line is never wrapped, so a path or a spec field in it stays whole for grep and for
tests, whatever the terminal width; rich markup in the message is shown as written.
"""
from __future__ import annotations

import functools
import sys
from typing import NoReturn

from rich.console import Console
from rich.markup import escape

from harness.exits import Exit

stderr = Console(stderr=True, highlight=False)


def error(message: object, console: Console = stderr) -> None:
    """Print `message` as an error line."""
    console.print(f"[bold red]error:[/] {escape(str(message))}", soft_wrap=True)


def fail(message: object, code: int = Exit.FAILED, console: Console = stderr) -> NoReturn:
    """Print `message` as an error line and exit with `code`."""
    error(message, console)
    sys.exit(int(code))


def reported(codes: dict[type[BaseException] | tuple[type[BaseException], ...], int]):
    """A decorator turning the exceptions named in `codes` into an error line and their exit
    code (the first entry that matches wins)."""

    caught = tuple(kind for kinds in codes for kind in
                   (kinds if isinstance(kinds, tuple) else (kinds,)))

    def decorate(command):
        @functools.wraps(command)
        def wrapper(*args, **kwargs):
            try:
                return command(*args, **kwargs)
            except caught as exc:
                fail(exc, next(code for kinds, code in codes.items() if isinstance(exc, kinds)))

        return wrapper

    return decorate
