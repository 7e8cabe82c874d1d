"""JSON-lines logging that carries Envoy's x-request-id across every hop."""
from __future__ import annotations

import json
import logging
import sys
import time
import uuid

from flask import Flask, g, has_request_context, request

from shop.contracts.headers import REQUEST_ID_HEADER


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, service, message, request id, extras."""

    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_request_context():
            entry["request_id"] = g.get("request_id")
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def init_app(app: Flask, service: str) -> None:
    """Log JSON to stdout and bind each request's id (Envoy's, or a fresh one)."""
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter(service))
    app.logger.handlers[:] = [handler]
    app.logger.setLevel(str(app.config.get("LOG_LEVEL", "INFO")).upper())
    app.logger.propagate = False

    @app.before_request
    def _bind_request_id() -> None:
        g.request_id = request.headers.get(REQUEST_ID_HEADER) or str(uuid.uuid4())
        g.started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
        if request.path not in ("/metrics", "/healthz", "/readyz"):
            elapsed_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
            app.logger.info("request", extra={"fields": {
                "method": request.method, "path": request.path,
                "status": response.status_code, "duration_ms": round(elapsed_ms, 2)}})
        return response


def event(app: Flask, message: str, **fields) -> None:
    """Log one business event with structured fields."""
    app.logger.info(message, extra={"fields": fields})
