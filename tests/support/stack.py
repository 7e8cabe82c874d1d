"""Start and stop a real local stack for a test session, in a temporary run directory; SIGTERM
as Ctrl-C for the suites that start real things (a stack, a cluster), so a stopped run tears
its fixtures down instead of leaving their processes behind."""
from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from harness.certs import trust
from harness.certs.files import TlsDir
from harness.stack.options import StackOptions
from harness.stack.runner import Stack
from tests.support import ports


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
def terminated_as_interrupt():
    """Within the block, the first SIGTERM raises KeyboardInterrupt (so pytest tears the
    fixtures down, and what they started with them) and later ones are ignored while it does."""
    def interrupt(signum, frame):
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise KeyboardInterrupt(f"signal {signum}: tearing the fixtures down")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def running_stack(root: Path, options: StackOptions | None = None):
    """A stack up for the duration of the block, stopped by its own supervisord after, on a port
    offset the allocator holds for it (whatever `options` say). While it runs,
    $ASTROSHOP_RUN_DIR names it and every client of this test process trusts its CA: the
    harness's own (ASTROSHOP_CA_FILE) and plain `requests` calls (REQUESTS_CA_BUNDLE)."""
    stack = Stack.at(root)
    with ports.stack_offset() as lease, environment(ASTROSHOP_RUN_DIR=str(root)):
        try:
            stack.up(replace(options or StackOptions(), port_offset=lease.offset), timeout=120)
            ca = str(TlsDir(stack.paths.tls).ca_cert)
            with environment(**{trust.CA_ENV: ca, "REQUESTS_CA_BUNDLE": ca}):
                yield stack
        finally:
            stack.down()
