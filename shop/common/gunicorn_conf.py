"""Gunicorn settings shared by every service; bind, workers and threads come from the runner.

The master imports only this module: prometheus_client is imported when a worker dies (the
master of every service stays about 3 MB smaller without it).
"""
import os
import shutil

worker_class = "gthread"
reuse_port = True
keepalive = 30
limit_request_line = 8190  # above Envoy's 8 KiB header limit: Envoy refuses longer URLs first
graceful_timeout = 5
timeout = 30
accesslog = None
errorlog = "-"
loglevel = "warning"


def on_starting(server):
    """Start with an empty multiprocess metrics directory, so old samples never leak in."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if path:
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path, exist_ok=True)


def child_exit(server, worker):
    """Mark a dead worker's gauges so /metrics stays correct under several workers."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess
        multiprocess.mark_process_dead(worker.pid)
