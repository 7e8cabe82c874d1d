"""The shopper's account as the edge verified it: Envoy's JWT filter checks the token and passes
its subject in ACCOUNT_HEADER (removed from whatever a client sends), so a service reads it here
and never sees a token."""
from __future__ import annotations

import re

from flask import request

from shop.common.errors import ApiError
from shop.contracts.accounts import ACCOUNT_ID
from shop.contracts.headers import ACCOUNT_HEADER


class NotSignedIn(ApiError):
    """The route needs a signed-in shopper and the request carries none."""

    status, title = 401, "Unauthorized"

    def __init__(self, detail: str = "sign in first: this needs a valid access token "
                                     "(Authorization: Bearer ...)"):
        super().__init__(detail, [{"field": "Authorization", "reason": "no verified account",
                                   "in": "header"}], headers={"WWW-Authenticate": "Bearer"})


def account_id() -> str | None:
    """The verified account of this request, or None (no header, or not an account id)."""
    value = request.headers.get(ACCOUNT_HEADER, "")
    return value if re.fullmatch(ACCOUNT_ID, value) else None


def require_account() -> str:
    """The verified account of this request, or a 401."""
    found = account_id()
    if found is None:
        raise NotSignedIn()
    return found
