"""Start and stop a real local stack for a test session, in a temporary run directory."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from harness.stack.options import StackOptions
from harness.stack.runner import Stack


@contextmanager
def running_stack(root: Path, options: StackOptions | None = None):
    """A stack up for the duration of the block, stopped by its own supervisord after."""
    previous = os.environ.get("ASTROSHOP_RUN_DIR")
    os.environ["ASTROSHOP_RUN_DIR"] = str(root)
    stack = Stack.at(root)
    try:
        stack.up(options or StackOptions(), timeout=120)
        yield stack
    finally:
        stack.down()
        if previous is None:
            os.environ.pop("ASTROSHOP_RUN_DIR", None)
        else:
            os.environ["ASTROSHOP_RUN_DIR"] = previous
