"""The storefront's security headers and session cookie: a strict Content-Security-Policy (the
pages have no script and no inline style), no sniffing, no framing, a same-origin referrer;
the cookie HttpOnly, SameSite=Lax, and Secure whenever the shopper came over HTTPS."""
from __future__ import annotations

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = ("default-src 'none'; img-src 'self'; style-src 'self'; "
                           "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


class SchemeAwareSession(SecureCookieSessionInterface):
    """The signed-cookie session, its cookie Secure exactly when the request was HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        """Secure over HTTPS (the edge says so in X-Forwarded-Proto); not on plain loopback."""
        return request.is_secure


def _headers(response: Response) -> Response:
    """Add the security headers to every page, redirect, error and static file."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    """Trust the edge's X-Forwarded-Proto (one proxy: Envoy), set the cookie flags and headers."""
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=0, x_proto=1, x_host=0, x_port=0, x_prefix=0)
    app.session_interface = SchemeAwareSession()
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.after_request(_headers)
