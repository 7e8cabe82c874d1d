"""The Python ceiling of one process for `astroshop bench`: a Flask hello-world served by
the services' own server (shop.common.serve: gunicorn's worker, no master) with exactly the settings
of one service (the catalog's), started and stopped here."""
from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import requests
from flask import Flask

from harness.polling import poll_until
from harness.stack.processes import replica_command
from harness.model.services import Service

APP = "harness.bench.hello:create_app()"
BODY = "hello, world"


def create_app() -> Flask:
    """A Flask app with one view that answers a fixed text: nothing but Flask and the server."""
    app = Flask("hello")
    app.add_url_rule("/", "hello", lambda: BODY)
    return app


def command(service: Service, port: int, host: str = "127.0.0.1") -> list[str]:
    """`service`'s command line, serving the hello app instead of the service."""
    line = replica_command(service, port, host)[:-1]
    line[line.index("--name") + 1] = "astroshop-bench-hello"
    return [*line, APP]


@contextmanager
def serving(service: Service, port: int, host: str = "127.0.0.1") -> Iterator[str]:
    """The hello app up on `host:port` for the block; its URL. Stopped by its PID after."""
    process = subprocess.Popen(command(service, port, host), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://{host}:{port}/"
    try:
        poll_until(lambda: process.poll() is None and requests.get(url, timeout=1).text == BODY,
                   30, f"the hello-world on {url} answering")
        yield url
    finally:
        process.terminate()
        process.wait(15)
