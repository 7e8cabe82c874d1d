"""What the accounts views work with: the stores, the lockout, the keys and the token lifetimes,
built once per app; and the refusals the views raise."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

from flask import current_app

from shop.accounts.keys import KeyRing
from shop.accounts.lockout import Lockout
from shop.accounts.sessions import RefreshTokens
from shop.accounts.store import AccountStore
from shop.accounts.tokens import issue_access
from shop.common.errors import ApiError, NotFound
from shop.contracts.accounts import TokenPair


@dataclass(frozen=True)
class Parts:
    """One app's accounts, refresh tokens, lockout, signing keys and access token lifetime."""

    store: AccountStore
    sessions: RefreshTokens
    lockout: Lockout
    ring: KeyRing
    access_ttl_s: int

    def pair(self, account_id: str, refresh_token: str, now: float) -> TokenPair:
        """A fresh access token beside the given refresh token."""
        return TokenPair(access_token=issue_access(self.ring, account_id, now, self.access_ttl_s),
                         refresh_token=refresh_token, expires_in=self.access_ttl_s)


def parts() -> Parts:
    """The current app's parts."""
    return current_app.extensions["accounts"]


def now() -> float:
    """The time, in one place."""
    return time.time()


class TooManyFailures(ApiError):
    """The address is locked after repeated failures: 429 with the seconds to wait."""

    status, title = 429, "Too Many Requests"

    def __init__(self, seconds: float):
        wait = max(1, math.ceil(seconds))
        super().__init__(f"too many failed sign-ins for this address; try again in {wait} s",
                         [{"field": "email", "reason": "temporarily locked"}],
                         headers={"Retry-After": str(wait)})


class WrongCredentials(ApiError):
    """The address and password match no account (which of the two is never said)."""

    status, title = 401, "Unauthorized"

    def __init__(self, field: str = "password"):
        super().__init__("the email address and password do not match an account",
                         [{"field": field, "reason": "does not match"}])


def unknown_account() -> NotFound:
    """A verified subject whose account is gone (or never was)."""
    return NotFound("no such account", [{"field": "account", "reason": "unknown account"}])
