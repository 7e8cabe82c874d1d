"""The accounts service's routes and models: sign-up, sign-in, tokens, profile, order history.

The access token is a JWT (ES256) that Envoy verifies at the edge against the JWKS accounts
publishes; the issuer, audience and the storefront's cookie names are declared here once, for
the service that issues tokens, the storefront that keeps them and the edge that checks them.
"""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from shop.contracts.checkout import OrderPage, OrdersQuery
from shop.contracts.fields import EmailAddress
from shop.contracts.route import Route

ISSUER = "astroshop-accounts"
AUDIENCE = "astroshop"
ALGORITHM = "ES256"
ACCESS_TTL_S = 15 * 60
REFRESH_TTL_S = 14 * 24 * 3600
ACCESS_COOKIE = "astroshop_access"  # the access token, read by Envoy on storefront pages
REFRESH_COOKIE = "astroshop_refresh"  # the refresh token, read by the storefront alone
MIN_PASSWORD, MAX_PASSWORD = 12, 1024
ACCOUNT_ID = r"^[0-9a-f]{32}$"
REFRESH_TOKEN = r"^[A-Za-z0-9_-]{20,200}$"

NewPassword = Annotated[StrictStr, Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD,
                                         examples=["correct horse battery staple"])]
AnyPassword = Annotated[StrictStr, Field(min_length=1, max_length=MAX_PASSWORD)]


class SignUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: EmailAddress = Field(examples=["shopper@example.com"])
    password: NewPassword


class SignUpOut(BaseModel):
    """What sign-up says, the same whether the address was new or already had an account."""

    email: str
    created_at: str


class SignInIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: EmailAddress = Field(examples=["shopper@example.com"])
    password: AnyPassword


class RefreshIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: StrictStr = Field(pattern=REFRESH_TOKEN)


class TokenPair(BaseModel):
    """A short-lived access token (JWT) and a refresh token usable once."""

    access_token: str
    refresh_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int


class Profile(BaseModel):
    account_id: str
    email: str
    created_at: str


class PasswordChangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: AnyPassword
    new_password: NewPassword


class Jwks(BaseModel):
    """The public keys tokens are signed with (RFC 7517), the retiring one during a rotation."""

    keys: list[dict]


def account(method: str, path: str, summary: str, **fields) -> Route:
    """A route of the accounts service."""
    return Route("accounts", method, path, summary, **fields)


SIGN_UP = account("POST", "/api/account/signup", "Create an account", request=SignUpIn,
                  response=SignUpOut, status=201)
SIGN_IN = account("POST", "/api/account/signin", "Sign in: an access and a refresh token",
                  request=SignInIn, response=TokenPair)
REFRESH = account("POST", "/api/account/refresh", "A new token pair for a refresh token "
                  "(each is used once; a reused one revokes its whole family)",
                  request=RefreshIn, response=TokenPair)
SIGN_OUT = account("POST", "/api/account/signout", "Sign out: every refresh token of the "
                   "account is revoked", status=204, identity="required")
PROFILE = account("GET", "/api/account", "The signed-in account", response=Profile,
                  identity="required")
ORDERS = account("GET", "/api/account/orders", "The account's orders, newest first",
                 query=OrdersQuery, response=OrderPage, identity="required")
CHANGE_PASSWORD = account("POST", "/api/account/password", "Change the password; every refresh "
                          "token is revoked", request=PasswordChangeIn, status=204,
                          identity="required")
JWKS = account("GET", "/.well-known/jwks.json", "The public signing keys (for the edge)",
               response=Jwks)
