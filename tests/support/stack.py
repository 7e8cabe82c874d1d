"""Start and stop a real local stack for a test session, in a temporary run directory."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from harness.certs import trust
from harness.certs.files import TlsDir
from harness.stack.options import StackOptions
from harness.stack.runner import Stack


@contextmanager
def environment(**values: str):
    """Environment variables set for the block, then put back as they were."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def running_stack(root: Path, options: StackOptions | None = None):
    """A stack up for the duration of the block, stopped by its own supervisord after. While
    it runs, $ASTROSHOP_RUN_DIR names it and every client of this test process trusts its CA:
    the harness's own (ASTROSHOP_CA_FILE) and plain `requests` calls (REQUESTS_CA_BUNDLE)."""
    stack = Stack.at(root)
    with environment(ASTROSHOP_RUN_DIR=str(root)):
        try:
            stack.up(options or StackOptions(), timeout=120)
            ca = str(TlsDir(stack.paths.tls).ca_cert)
            with environment(**{trust.CA_ENV: ca, "REQUESTS_CA_BUNDLE": ca}):
                yield stack
        finally:
            stack.down()
