"""Catalog endpoints: products, search, categories and product images."""
from __future__ import annotations

import re

from flask import Blueprint, Response, current_app
from pydantic import BaseModel, ConfigDict, Field

from shop.catalog.models import SLUG, CategoryOut, Product
from shop.catalog.products import Catalog
from shop.common.api import OpenApi, parse_query, respond
from shop.common.errors import ApiError
from shop.common.flags import InjectedFault, flags

bp = Blueprint("catalog", __name__)
api = OpenApi("AstroShop catalog", "Astronomy products, categories, search and images.")
IMAGE_CACHE = "public, max-age=86400"


class ProductQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    category: str | None = Field(None, pattern=SLUG, description="a category id")
    q: str | None = Field(None, max_length=100, description="case-insensitive search text")


class ProductList(BaseModel):
    products: list[Product]


class CategoryList(BaseModel):
    categories: list[CategoryOut]


def catalog() -> Catalog:
    """The app's catalog, loaded once at start-up."""
    return current_app.extensions["catalog"]


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


@bp.get("/api/products")
@api.operation("/api/products", "get", "List or search products",
               query_model=ProductQuery, response_model=ProductList)
def list_products():
    """Products, optionally in one category and matching a search text."""
    query = parse_query(ProductQuery)
    return respond(ProductList(products=catalog().search(query.category, query.q)))


@bp.get("/api/products/<product_id>")
@api.operation("/api/products/<product_id>", "get", "Get one product",
               response_model=Product)
def get_product(product_id: str):
    """One product by id."""
    return respond(catalog().get(checked_id(product_id)))


@bp.get("/api/products/<product_id>/image")
@api.operation("/api/products/<product_id>/image", "get", "Get a product's SVG image")
def get_image(product_id: str):
    """The product's drawing as SVG, cacheable for a day."""
    svg = catalog().image(checked_id(product_id))
    return Response(svg, mimetype="image/svg+xml", headers={"Cache-Control": IMAGE_CACHE})


@bp.get("/api/categories")
@api.operation("/api/categories", "get", "List categories with product counts",
               response_model=CategoryList)
def list_categories():
    """Every category and how many products it holds."""
    return respond(CategoryList(categories=catalog().categories()))
