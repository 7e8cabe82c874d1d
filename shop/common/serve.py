"""One replica in one process: gunicorn's worker serving without gunicorn's master.

Usage: ``python -m shop.common.serve [gunicorn's options] APP_MODULE``.

gunicorn runs a master (its arbiter) that forks the workers. A replica of this shop has one
worker, so the master only waits and watches; yet it is a second Python process per replica:
about 24 MB RSS and 12 MB PSS, 290 MB RSS for the twelve of a default stack, and a second
interpreter to start. Whatever starts a replica (supervisord, the container engine, the
kubelet) already restarts it when it dies, so with one worker this runs that worker in the
process it was started as: the same worker class, settings, hooks and request handling, the
same graceful stop (SIGTERM: stop accepting, give in-flight requests ``graceful_timeout``),
and the same exit when its parent goes away.

What the master did and nothing does here: restarting a worker whose main loop stopped
beating for ``timeout`` seconds. In the threaded worker that loop only accepts and polls, so
a request stuck in a thread never stopped it; Envoy's health checks and outlier detection take
an unresponsive replica out of rotation, and the replica's supervisor restarts a dead one.

With more than one worker, gunicorn's master runs as usual.
"""
from __future__ import annotations

import os
import sys

from gunicorn import sock
from gunicorn.app.base import BaseApplication
from gunicorn.app.wsgiapp import WSGIApplication

USAGE = "%(prog)s [OPTIONS] [APP_MODULE]"


def serve(application: BaseApplication) -> None:
    """Bind the configured addresses and run one worker here until it stops."""
    cfg = application.cfg
    log = cfg.logger_class(cfg)
    for key, value in cfg.env.items():
        os.environ[key] = value
    cfg.on_starting(None)  # no arbiter: the settings' hook gets None
    listeners = sock.create_sockets(cfg, log)
    worker = cfg.worker_class(1, os.getppid(), listeners, application, cfg.timeout / 2.0,
                              cfg, log)
    worker.pid = os.getpid()
    worker.init_process()  # returns once the worker stopped and its requests finished


class _OneWorkerHere(BaseApplication):
    """Where gunicorn starts its master (BaseApplication.run), one worker runs here instead.
    Placed after Application in the method order, so Application.run still does its part
    (--pythonpath, --check-config, --print-config) first."""

    def run(self):
        if self.cfg.workers != 1:
            return super().run()
        serve(self)
        return None


class Replica(WSGIApplication, _OneWorkerHere):
    """gunicorn's WSGI application from the command line, run by _OneWorkerHere."""


def main() -> None:
    """gunicorn's command line; one worker runs in this process, more under the master."""
    Replica(USAGE, prog="python -m shop.common.serve").run()
    sys.exit(0)


if __name__ == "__main__":
    main()
