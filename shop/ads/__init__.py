"""Ads service: text ads for the categories a shopper is browsing."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from shop.ads.inventory import Inventory
from shop.ads.views import bp
from shop.common import flags
from shop.common.app import create_service_app

DEFAULT_ADS = str(Path(__file__).parent / "data" / "ads.json")


def create_app(test_config=None) -> Flask:
    """Build the ads service; the ads file is loaded and checked once, here."""
    app = create_service_app("ads", defaults={"ADS_FILE": DEFAULT_ADS},
                             test_config=test_config, blueprints=[bp],
                             description="Text ads for a browsing context.")
    app.extensions["ads"] = Inventory.from_file(str(app.config["ADS_FILE"]))
    flags.init_app(app)
    return app
