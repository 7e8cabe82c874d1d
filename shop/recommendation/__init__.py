"""Recommendation service: products related to a set of products, from a cached catalog."""
from __future__ import annotations

from flask import Flask

from shop.common import flags
from shop.common.app import create_service_app
from shop.common.config import as_float
from shop.recommendation.recommender import CatalogCache
from shop.recommendation.views import bp


def create_app(test_config=None) -> Flask:
    """Build the recommendation service with its in-process catalog cache."""
    app = create_service_app("recommendation", defaults={"CATALOG_CACHE_S": "30"},
                             test_config=test_config, blueprints=[bp],
                             description="Products related to a set of products.")
    app.extensions["catalog_cache"] = CatalogCache(as_float(app.config, "CATALOG_CACHE_S"))
    flags.init_app(app)
    return app
