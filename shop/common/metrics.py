"""RED metrics and business metrics, correct under several gunicorn workers.

With PROMETHEUS_MULTIPROC_DIR set (the runner sets it per replica), every worker writes
its samples to that directory and /metrics aggregates them; without it (unit tests) the
default in-process registry is used.
"""
from __future__ import annotations

import os
import time

from flask import Flask, Response, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge,
                               Histogram, ProcessCollector, generate_latest, multiprocess)

from shop.common import memory
from shop.common.build import Build

# Buckets fit for milliseconds-scale services, in seconds.
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.5, 1.0, 2.5,
                   5.0, 10.0)

# Every RED series carries the build's version, so a canary and its stable release are told
# apart in every query (`astroshop release` compares them).
REQUESTS = Counter("astroshop_http_requests_total", "HTTP requests handled",
                   ["service", "version", "route", "method", "status"])
LATENCY = Histogram("astroshop_http_request_duration_seconds", "HTTP request latency",
                    ["service", "version", "route", "method"], buckets=LATENCY_BUCKETS)
BUILD_INFO = Gauge("astroshop_build_info", "The build this process runs (always 1)",
                   ["service", "version", "commit"], multiprocess_mode="livemax")
SKIPPED = {"/metrics", "/healthz", "/readyz"}
# Server errors the services answer with; declared at zero for every route so that rate()
# counts the first one after a start (a series born at 1 has no increase to see).
DECLARED_ERRORS = ("500", "503")


class Children:
    """One metric's labelled children for one service and build, looked up once per label set
    (prometheus_client's `labels()` validates and locks on every call; the routes, methods and
    statuses a service answers are few)."""

    def __init__(self, metric, service: str, version: str):
        self.metric, self.fixed, self.known = metric, (service, version), {}

    def get(self, *labels: str):
        """The child for the service, the build and `labels`."""
        child = self.known.get(labels)
        if child is None:
            child = self.known[labels] = self.metric.labels(*self.fixed, *labels)
        return child


def route_template() -> str:
    """The matched route's template (bounded cardinality), never the raw path."""
    rule = request.url_rule
    return rule.rule if rule is not None else "unmatched"


def registry() -> CollectorRegistry:
    """The registry to expose: multiprocess aggregation when a directory is configured.

    Process metrics (CPU, memory, open files) are those of the worker answering the scrape:
    exact with the default of one worker per replica.
    """
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        reg = CollectorRegistry()
        multiprocess.MultiProcessCollector(reg)
        ProcessCollector(registry=reg)
        return reg
    from prometheus_client import REGISTRY
    return REGISTRY


def declare_errors(app: Flask, service: str, build: Build) -> None:
    """Create the server-error series of every route and method at zero, once per app."""
    if app.extensions.get("astroshop_errors_declared"):
        return
    for rule in app.url_map.iter_rules():
        if rule.rule in SKIPPED:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            for status in DECLARED_ERRORS:
                REQUESTS.labels(service, build.version, rule.rule, method, status)
    app.extensions["astroshop_errors_declared"] = True


def init_app(app: Flask, service: str, build: Build) -> None:
    """Time every request, count it by route template and version, and serve /metrics."""
    BUILD_INFO.labels(service, build.version, build.commit).set(1)

    @app.before_request
    def _start_timer() -> None:
        g.metrics_started = time.perf_counter()

    counted = Children(REQUESTS, service, build.version)
    timed = Children(LATENCY, service, build.version)

    @app.after_request
    def _record(response):
        if request.path in SKIPPED:
            return response
        route = route_template()
        elapsed = time.perf_counter() - g.get("metrics_started", time.perf_counter())
        counted.get(route, request.method, str(response.status_code)).inc()
        timed.get(route, request.method).observe(elapsed)
        return response

    budget = memory.budget_bytes(app.config)
    memory.declare(service)

    @app.get("/metrics")
    def metrics() -> Response:
        """Prometheus exposition of this replica's metrics (and one memory budget check)."""
        declare_errors(app, service, build)
        memory.check(service, budget)
        return Response(generate_latest(registry()), mimetype=CONTENT_TYPE_LATEST)
