"""A click group that imports a command's module only when that command runs.

`astroshop --help` lists every command with the first line of its docstring, read from the
module's source (no import), so the listing costs milliseconds and pulls in none of Locust,
matplotlib, Ansible and the rest.
"""
from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import click


def docstring(location: str) -> str:
    """The docstring of the function `module:name` names, read from its source file."""
    module, name = location.split(":")
    tree = ast.parse(Path(importlib.util.find_spec(module).origin).read_text())
    node = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_docstring(node) or ""


class LazyGroup(click.Group):
    """A group whose commands are `module:function` locations, imported on first use."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command, the lazy ones included, sorted."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """The command called `name`, importing its module if it is a lazy one."""
        if name not in self.lazy:
            return super().get_command(ctx, name)
        module, attribute = self.lazy[name].split(":")
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command listing of --help, from the docstrings, importing nothing."""
        limit = formatter.width - 6 - max(map(len, self.lazy))
        rows = [(name, click.utils.make_default_short_help(docstring(self.lazy[name]), limit))
                for name in sorted(self.lazy)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
