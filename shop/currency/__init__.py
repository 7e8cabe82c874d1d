"""Currency service: supported currencies and exact conversion between them."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from shop.common import flags
from shop.common.app import create_service_app
from shop.currency.rates import RateTable
from shop.currency.views import bp

DEFAULT_RATES = str(Path(__file__).parent / "data" / "rates.json")


def create_app(test_config=None) -> Flask:
    """Build the currency service."""
    app = create_service_app("currency", defaults={"RATES_FILE": DEFAULT_RATES},
                             test_config=test_config, blueprints=[bp],
                             description="Supported currencies and exact conversion.")
    app.extensions["rates"] = RateTable.from_file(str(app.config["RATES_FILE"]))
    flags.init_app(app)
    return app
