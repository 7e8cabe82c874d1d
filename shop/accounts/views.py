"""Accounts endpoints: sign-up, sign-in, refresh, sign-out, profile, orders, password, JWKS.

Routes that need a signed-in shopper read the account Envoy verified (ACCOUNT_HEADER); the
service never sees a token, and a request without a verified account gets 401.
"""
from __future__ import annotations

from flask import jsonify

from shop.accounts import flow, profile
from shop.accounts.parts import parts
from shop.common.api import ApiBlueprint, parse_body, parse_query, respond
from shop.common.identity import require_account
from shop.contracts import accounts as contract
from shop.contracts.checkout import OrdersQuery

bp = ApiBlueprint("accounts", __name__)


@bp.serve(contract.SIGN_UP)
def sign_up():
    """Create an account (201), the same answer when the address is taken."""
    return respond(flow.sign_up(parse_body(contract.SignUpIn)), 201)


@bp.serve(contract.SIGN_IN)
def sign_in():
    """An access token and a refresh token for the right address and password."""
    return respond(flow.sign_in(parse_body(contract.SignInIn)))


@bp.serve(contract.REFRESH)
def refresh():
    """A new token pair; the refresh token given is spent."""
    return respond(flow.refresh(parse_body(contract.RefreshIn)))


@bp.serve(contract.SIGN_OUT)
def sign_out():
    """Revoke the account's refresh tokens."""
    flow.sign_out(require_account())
    return "", 204


@bp.serve(contract.PROFILE)
def get_profile():
    """The signed-in account."""
    return respond(profile.profile(require_account()))


@bp.serve(contract.ORDERS)
def get_orders():
    """The signed-in account's orders, newest first."""
    account_id = require_account()
    return respond(profile.orders(account_id, parse_query(OrdersQuery).page))


@bp.serve(contract.CHANGE_PASSWORD)
def change_password():
    """A new password; every refresh token of the account is revoked."""
    account_id = require_account()
    profile.change_password(account_id, parse_body(contract.PasswordChangeIn))
    return "", 204


@bp.serve(contract.JWKS)
def jwks():
    """The public keys, for the edge's JWT filter."""
    return jsonify(parts().ring.jwks())
