"""Independent calls made at once, on a small bounded pool of threads per process.

A page that needs several services' answers asks them together instead of one after another.
Each call runs in a copy of the caller's context variables, so Flask's app and request
contexts (and `g.request_id`, which the service client forwards as x-request-id) go along.
"""
from __future__ import annotations

import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from flask import Flask, current_app

POOL_SIZE = 8  # threads per process making calls for requests; more calls wait their turn


def init_app(app: Flask, size: int = POOL_SIZE) -> None:
    """Give the app its pool (threads start on first use, in the process that serves)."""
    app.extensions["astroshop_fanout"] = ThreadPoolExecutor(
        max_workers=size, thread_name_prefix=f"{app.name}-fanout")


def _outcome(call: Callable[[], Any]) -> tuple[Any, Exception | None]:
    """What `call` answered, or the error it raised."""
    try:
        return call(), None
    except Exception as exc:  # handed back to the caller's thread and raised there
        return None, exc


def together(*calls: Callable[[], Any]) -> list[Any]:
    """Run `calls` at once: the first in this thread, the others on the app's pool.

    Returns their answers in order. When calls fail, every call is still waited for, then the
    first failure in the order given is raised, as if they had run one after another.
    """
    pool: ThreadPoolExecutor = current_app.extensions["astroshop_fanout"]
    futures: list[Future] = [pool.submit(contextvars.copy_context().run, _outcome, call)
                             for call in calls[1:]]
    outcomes = [_outcome(calls[0]), *(future.result() for future in futures)]
    for _, error in outcomes:
        if error is not None:
            raise error
    return [answer for answer, _ in outcomes]
