"""Email service: order confirmations, written to an outbox table once per order."""
from __future__ import annotations

from flask import Flask

from shop.common import flags
from shop.common.app import create_service_app
from shop.common.health import add_check
from shop.email.store import Outbox
from shop.email.views import bp


def create_app(test_config=None) -> Flask:
    """Build the email service."""
    app = create_service_app("email", defaults={"DATABASE_URL": "sqlite:///astroshop-email.db"},
                             test_config=test_config, blueprints=[bp],
                             description="Order confirmations, written to an outbox.")
    app.extensions["outbox"] = Outbox(str(app.config["DATABASE_URL"]))
    add_check(app, "store", app.extensions["outbox"].ping)
    flags.init_app(app)
    return app
