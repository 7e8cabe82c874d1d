"""Catalog service: astronomy products, categories, search and product images."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from shop.catalog.bodies import Bodies
from shop.catalog.products import Catalog
from shop.catalog.views import bp
from shop.common import flags
from shop.common.app import create_service_app

DEFAULT_DATA_DIR = str(Path(__file__).parent / "data")


def create_app(test_config=None) -> Flask:
    """Build the catalog service; the data file is loaded, checked and serialised once, here."""
    app = create_service_app("catalog", defaults={"CATALOG_DATA_DIR": DEFAULT_DATA_DIR},
                             test_config=test_config, blueprints=[bp],
                             description="Astronomy products, categories, search and images.")
    app.extensions["catalog"] = Catalog.from_dir(str(app.config["CATALOG_DATA_DIR"]))
    app.extensions["catalog_bodies"] = Bodies(app.extensions["catalog"])
    flags.init_app(app)
    return app
