"""Checkout service: turns a cart into a paid, shipped order, exactly once per key."""
from __future__ import annotations

from flask import Flask

from shop.checkout.idempotency import fingerprint_key
from shop.checkout.store import OrderStore
from shop.checkout.views import bp
from shop.common import flags
from shop.common.app import create_service_app
from shop.common.health import add_check

DEFAULTS = {
    "DATABASE_URL": "sqlite:///astroshop-checkout.db",
    "IDEMPOTENCY_WAIT_S": "5",
    "CLAIM_LEASE_S": "60",
}


def create_app(test_config=None) -> Flask:
    """Build the checkout service; ASTROSHOP_SECRET_KEY keys its request fingerprints."""
    app = create_service_app(
        "checkout", defaults=DEFAULTS, required=("SECRET_KEY",), test_config=test_config,
        blueprints=[bp], description="Placing orders, once per Idempotency-Key, and reading them.")
    app.extensions["order_store"] = OrderStore(str(app.config["DATABASE_URL"]))
    app.extensions["fingerprint_key"] = fingerprint_key(str(app.config["SECRET_KEY"]))
    add_check(app, "store", app.extensions["order_store"].ping)
    flags.init_app(app)
    return app
