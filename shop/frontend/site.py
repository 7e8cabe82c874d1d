"""Site-wide pieces: the favicon and friendly HTML error pages (never a stack trace)."""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, render_template, send_from_directory
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from shop.common.client import UpstreamError
from shop.common.errors import DependencyError

bp = Blueprint("site", __name__)

# How the shopper hears about each required part of the store.
PARTS = {"catalog": "catalog", "cart": "cart", "currency": "currency exchange",
         "shipping": "shipping desk", "checkout": "checkout", "payment": "card terminal",
         "accounts": "sign-in desk"}
LOST = ("This page drifted out of our field of view. Try the home page, or search for what "
        "you were looking for.")


@bp.get("/favicon.ico")
def favicon():
    """The shop's icon (an SVG), so browsers never log a missing favicon."""
    return send_from_directory(str(current_app.static_folder), "favicon.svg",
                               mimetype="image/svg+xml", max_age=86400)


def error_page(status: int, title: str, message: str, headers: dict | None = None):
    """A friendly page in the store's layout, without the currency selector or any call."""
    return render_template("error.html", title=title, message=message,
                           status=status), status, headers or {}


def init_app(app: Flask) -> None:
    """Serve the favicon and render every error as an HTML page instead of problem+json."""
    app.register_blueprint(bp)

    @app.errorhandler(UpstreamError)
    def _upstream_refused(exc: UpstreamError):
        app.logger.warning("unexpected refusal", extra={"fields": {
            "dependency": exc.service, "status": exc.status, "detail": exc.detail}})
        return error_page(502, "Something went wrong",
                          "Part of the store did not understand our request. Please try again.")

    @app.errorhandler(DependencyError)
    def _dependency_down(exc: DependencyError):
        part = PARTS.get(exc.service, exc.service)
        app.logger.warning("dependency down", extra={"fields": {
            "dependency": exc.service, "detail": exc.detail}})
        return error_page(503, f"Our {part} is taking a short break",
                          f"Our {part} is taking a short break. Please try again in a "
                          "moment; everything in your cart is safe.", {"Retry-After": "5"})

    @app.errorhandler(CSRFError)
    def _stale_form(exc: CSRFError):
        return error_page(400, "This form has expired",
                          "For your safety this form only works for a while. Please go back, "
                          "reload the page and try again.")

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        code = exc.code or 500
        headers = {k: v for k, v in exc.get_headers() if k == "Allow"}
        message = LOST if code == 404 else exc.description or exc.name
        return error_page(code, "Lost in space" if code == 404 else exc.name, message, headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        return error_page(500, "Something went wrong",
                          "Something went wrong on our side. Please try again in a moment.")
