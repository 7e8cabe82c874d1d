"""Liveness at /healthz, and readiness at /readyz: this process's own ability to serve.

Readiness checks only what the process owns (its store); configuration is checked at start-up,
where a bad setting stops the process. The services it calls are never checked: a dead
dependency is the mesh's business (retries, outlier detection) and the storefront degrades
gracefully, so one dead leaf never makes its callers, and then the whole store, unready.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask, current_app, jsonify

from shop.common.errors import DependencyError

ReadyCheck = Callable[[], None]  # raises on failure

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process is alive and serving; the build it runs."""
    return jsonify(status="ok", service=current_app.config["SERVICE"],
                   **current_app.extensions["astroshop_build"].as_dict())


@bp.get("/readyz")
def readyz():
    """Every readiness check passes; otherwise 503 naming the failing ones."""
    failures = {}
    for name, check in current_app.extensions["astroshop_ready_checks"].items():
        try:
            check()
        except (DependencyError, OSError, RuntimeError) as exc:
            failures[name] = str(exc)
        except Exception as exc:  # a store driver's own error type; reported, not hidden
            failures[name] = f"{type(exc).__name__}: {exc}"
    status = 503 if failures else 200
    return jsonify(status="unready" if failures else "ready",
                   service=current_app.config["SERVICE"], failures=failures), status


def init_app(app: Flask) -> None:
    """Serve /healthz and /readyz; checks are added with add_check()."""
    app.extensions.setdefault("astroshop_ready_checks", {})
    app.register_blueprint(bp)


def add_check(app: Flask, name: str, check: ReadyCheck) -> None:
    """Register a check of something the process owns, raising when `name` is not ready."""
    app.extensions.setdefault("astroshop_ready_checks", {})[name] = check
