"""Shipping service: quotes converted to the shopper's currency, and tracking ids."""
from __future__ import annotations

from flask import Flask

from shop.common import flags
from shop.common.app import create_service_app
from shop.shipping.views import bp


def create_app(test_config=None) -> Flask:
    """Build the shipping service."""
    app = create_service_app("shipping", test_config=test_config, blueprints=[bp],
                             description="Shipping quotes and shipments.")
    flags.init_app(app)
    return app
