"""Waiting with a deadline, failing with a message that says what never happened."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class NeverHappened(TimeoutError):
    """The awaited condition did not hold before the deadline."""


def poll_until(fn: Callable[[], T], timeout: float, description: str,
               interval: float = 0.2) -> T:
    """Call `fn` until it returns something truthy; raise NeverHappened after `timeout` s."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while True:
        try:
            result = fn()
            if result:
                return result
        except (OSError, ValueError, RuntimeError) as exc:
            last_error = exc
        if time.monotonic() >= deadline:
            reason = f" (last error: {last_error})" if last_error else ""
            raise NeverHappened(f"{description} did not happen within {timeout:.0f}s{reason}")
        time.sleep(interval)
