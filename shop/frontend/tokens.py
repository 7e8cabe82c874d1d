"""The signed-in shopper in the storefront: the token cookies (Secure, HttpOnly, SameSite=Lax)
and the account Envoy verified from the access cookie, passed on to the services we call.

The access cookie holds the JWT that Envoy checks on every page (from_cookies); the refresh
cookie is read by the storefront alone, to get a new pair at the sign-in page once the access
token has expired. Neither is readable by a script.
"""
from __future__ import annotations

import re

from flask import Response, request

from shop.common import identity
from shop.contracts.accounts import ACCESS_COOKIE, REFRESH_COOKIE, REFRESH_TTL_S, REFRESH_TOKEN
from shop.contracts.headers import ACCOUNT_HEADER


def signed_in() -> str | None:
    """The account Envoy verified for this page, or None."""
    return identity.account_id()


def as_account() -> dict[str, str]:
    """The header that tells a service which account is calling (none when signed out)."""
    account = signed_in()
    return {ACCOUNT_HEADER: account} if account else {}


def refresh_token() -> str | None:
    """The refresh cookie, if it holds something shaped like a refresh token."""
    value = request.cookies.get(REFRESH_COOKIE, "")
    return value if re.fullmatch(REFRESH_TOKEN, value) else None


def keep(response: Response, pair: dict) -> Response:
    """Set both cookies from a token pair."""
    common = {"secure": True, "httponly": True, "samesite": "Lax", "path": "/"}
    response.set_cookie(ACCESS_COOKIE, pair["access_token"], max_age=int(pair["expires_in"]),
                        **common)
    response.set_cookie(REFRESH_COOKIE, pair["refresh_token"], max_age=REFRESH_TTL_S, **common)
    return response


def forget(response: Response) -> Response:
    """Remove both cookies."""
    for name in (ACCESS_COOKIE, REFRESH_COOKIE):
        response.delete_cookie(name, path="/", secure=True, httponly=True, samesite="Lax")
    return response
