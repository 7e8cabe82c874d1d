"""Payment service: card validation and idempotent charges; only brand and last 4 are kept."""
from __future__ import annotations

from flask import Flask

from shop.common import flags
from shop.common.app import create_service_app
from shop.common.fingerprint import derived_key
from shop.common.health import add_check
from shop.payment.store import ChargeStore
from shop.payment.views import bp


PURPOSE = b"astroshop payment charge fingerprint"


def create_app(test_config=None) -> Flask:
    """Build the payment service; ASTROSHOP_SECRET_KEY keys its charge fingerprints."""
    app = create_service_app("payment", defaults={"DATABASE_URL": "sqlite:///astroshop-payment.db"},
                             required=("SECRET_KEY",), test_config=test_config, blueprints=[bp],
                             description="Card validation and charges, once per idempotency key.")
    app.extensions["fingerprint_key"] = derived_key(str(app.config["SECRET_KEY"]), PURPOSE)
    app.extensions["charge_store"] = ChargeStore(str(app.config["DATABASE_URL"]))
    add_check(app, "store", app.extensions["charge_store"].ping)
    flags.init_app(app)
    return app
