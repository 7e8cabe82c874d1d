"""Errors raised close to their cause, and the one handler that turns them into problem+json."""
from __future__ import annotations

from flask import Flask, Response, g, json
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

PROBLEM_JSON = "application/problem+json"


class ApiError(Exception):
    """An error a client can act on: an HTTP status, a title and field-level details."""

    status = 400
    title = "Bad Request"

    def __init__(self, detail: str, errors: list[dict] | None = None, status: int | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}
        if status is not None:
            self.status = status


class NotFound(ApiError):
    status, title = 404, "Not Found"


class Conflict(ApiError):
    status, title = 409, "Conflict"


class Unprocessable(ApiError):
    status, title = 422, "Unprocessable Entity"


class PaymentRequired(ApiError):
    status, title = 402, "Payment Required"


class DependencyError(ApiError):
    """A service this one calls failed or did not answer in time."""

    status, title = 503, "Service Unavailable"

    def __init__(self, service: str, reason: str, upstream_status: int | None = None):
        super().__init__(f"{service} is unavailable: {reason}")
        self.service = service
        self.upstream_status = upstream_status


def problem(status: int, title: str, detail: str, errors: list[dict] | None = None,
            headers: dict[str, str] | None = None) -> Response:
    """A problem+json (RFC 9457) response carrying the request id."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    request_id = g.get("request_id") if g else None
    if request_id:
        body["request_id"] = request_id
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    response.headers.update(headers or {})
    return response


def init_app(app: Flask) -> None:
    """Register the handlers: every 4xx and 5xx leaves as problem+json."""

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> Response:
        title = HTTP_STATUS_CODES.get(exc.status, exc.title)
        return problem(exc.status, title, exc.detail, exc.errors, exc.headers)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Response:
        headers = {k: v for k, v in exc.get_headers() if k == "Allow"}
        return problem(exc.code or 500, exc.name, exc.description or exc.name, headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Response:
        app.logger.exception("unhandled error")
        return problem(500, "Internal Server Error", "the service failed; see its log")
