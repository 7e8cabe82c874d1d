"""Catalog endpoints: products, search, categories and product images."""
from __future__ import annotations

import re

from flask import Response, current_app

from shop.catalog.bodies import Bodies
from shop.catalog.products import Catalog
from shop.common import caching
from shop.common.api import ApiBlueprint, parse_query
from shop.common.errors import ApiError
from shop.common.flags import InjectedFault, flags
from shop.contracts import catalog as contract
from shop.contracts.fields import SLUG

bp = ApiBlueprint("catalog", __name__)


def catalog() -> Catalog:
    """The app's catalog, loaded once at start-up."""
    return current_app.extensions["catalog"]


def bodies() -> Bodies:
    """The catalog's answers, serialised once at start-up (or at a listing's first request)."""
    return current_app.extensions["catalog_bodies"]


def checked_id(product_id: str) -> str:
    """The product id from the path, or a 400 when it is not a slug (or a flagged failure)."""
    if not re.fullmatch(SLUG, product_id):
        raise ApiError("a product id is 1 to 64 lowercase letters, digits or dashes",
                       [{"field": "id", "reason": f"malformed product id {product_id[:80]!r}"}])
    if product_id == flags().text("catalogFailure"):
        raise InjectedFault("catalogFailure", f"looking up product {product_id!r} failed")
    return product_id


@bp.before_request
def injected_latency() -> None:
    """Slow every catalog request down by the catalogLatency flag's milliseconds."""
    flags().pause("catalogLatency")


@bp.serve(contract.LIST_PRODUCTS)
def list_products():
    """Products, optionally in one category and matching a search text."""
    query = parse_query(contract.ProductQuery)
    return caching.public(bodies().listing(query.category, query.q).response(),
                          caching.PRODUCTS_MAX_AGE)


@bp.serve(contract.GET_PRODUCT)
def get_product(product_id: str):
    """One product by id."""
    return caching.public(bodies().product(checked_id(product_id)).response(),
                          caching.PRODUCTS_MAX_AGE)


@bp.serve(contract.PRODUCT_IMAGE)
def get_image(product_id: str):
    """The product's drawing as SVG, cacheable for a day."""
    svg = catalog().image(checked_id(product_id))
    return caching.public(Response(svg, mimetype="image/svg+xml"), caching.IMAGE_MAX_AGE)


@bp.serve(contract.LIST_CATEGORIES)
def list_categories():
    """Every category and how many products it holds."""
    return caching.public(bodies().categories.response(), caching.CATEGORIES_MAX_AGE)
