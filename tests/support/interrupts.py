"""SIGTERM as Ctrl-C for the suites that start real things (a stack, a cluster): a stopped run
tears its fixtures down instead of leaving their processes, namespaces and bridges behind."""
from __future__ import annotations

import signal
from contextlib import contextmanager


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
