"""The storefront's security headers and session cookie flags (shop/frontend/security.py)."""
import pytest

import shop.frontend
from shop.common import caching
from tests.unit.shop.frontend_fakes import storefront

SERVICE = shop.frontend  # the service conftest's `app` fixture builds


@pytest.fixture
def answers(fake):
    """Every service the storefront calls, for an empty cart."""
    return storefront(fake)


@pytest.mark.parametrize("path", ["/", "/cart", "/no-such-page", "/static/astroshop.css"])
def test_every_answer_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "script-src" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_pages_are_private_and_static_files_public(client):
    assert client.get("/").headers["Cache-Control"] == caching.PRIVATE
    static = client.get("/static/astroshop.css")
    assert static.headers["Cache-Control"] == f"public, max-age={caching.STATIC_MAX_AGE}"
    assert client.get("/static/astroshop.css",
                      headers={"If-None-Match": static.headers["ETag"]}).status_code == 304


def cookie_flags(response) -> set[str]:
    """The attributes of the session cookie the response sets."""
    cookie = next(v for k, v in response.headers.items() if k == "Set-Cookie")
    return {part.strip().split("=")[0] if "SameSite" not in part else part.strip()
            for part in cookie.split(";")[1:]}


def test_the_cookie_is_secure_when_the_edge_says_https(client):
    flags = cookie_flags(client.get("/", headers={"X-Forwarded-Proto": "https"}))
    assert {"Secure", "HttpOnly", "SameSite=Lax"} <= flags


def test_the_cookie_is_not_secure_on_plain_http(client):
    flags = cookie_flags(client.get("/"))
    assert "Secure" not in flags and {"HttpOnly", "SameSite=Lax"} <= flags
