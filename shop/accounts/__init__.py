"""Accounts service: sign-up and sign-in, short-lived access tokens the edge verifies (ES256
JWTs, keys published as a JWKS), refresh tokens rotated on use, brief lockouts."""
from __future__ import annotations

from flask import Flask

from shop.accounts.keys import KeyRing
from shop.accounts.lockout import Lockout, Policy
from shop.accounts.parts import Parts
from shop.accounts.sessions import RefreshTokens
from shop.accounts.store import AccountStore
from shop.accounts.views import bp
from shop.common import flags
from shop.common.app import create_service_app
from shop.common.config import as_float
from shop.common.health import add_check
from shop.contracts.accounts import ACCESS_TTL_S, REFRESH_TTL_S

DEFAULTS = {
    "DATABASE_URL": "sqlite:///astroshop-accounts.db",
    "ACCESS_TTL_S": str(ACCESS_TTL_S),
    "REFRESH_TTL_S": str(REFRESH_TTL_S),
    "LOCKOUT_FAILURES": "5",
    "LOCKOUT_WINDOW_S": "900",
    "LOCKOUT_S": "60",
}


def create_app(test_config=None) -> Flask:
    """Build the accounts service; ASTROSHOP_SIGNING_KEYS names the key set the harness made,
    ASTROSHOP_SECRET_KEY keys the lockout's address digests."""
    app = create_service_app(
        "accounts", defaults=DEFAULTS, required=("SIGNING_KEYS", "SECRET_KEY"),
        test_config=test_config, blueprints=[bp],
        description="Accounts, sign-in and tokens; signed-in routes take the account Envoy "
                    "verified.")
    store = AccountStore(str(app.config["DATABASE_URL"]))
    policy = Policy(int(as_float(app.config, "LOCKOUT_FAILURES")),
                    as_float(app.config, "LOCKOUT_WINDOW_S"), as_float(app.config, "LOCKOUT_S"))
    app.extensions["accounts"] = Parts(
        store=store,
        sessions=RefreshTokens(store.engine, as_float(app.config, "REFRESH_TTL_S")),
        lockout=Lockout(store.engine, str(app.config["SECRET_KEY"]), policy),
        ring=KeyRing(str(app.config["SIGNING_KEYS"])),
        access_ttl_s=int(as_float(app.config, "ACCESS_TTL_S")))
    add_check(app, "store", store.ping)
    add_check(app, "signing keys", app.extensions["accounts"].ring.check)
    flags.init_app(app)
    return app
