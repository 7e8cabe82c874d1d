"""Recommendation endpoint: products related to the ones a shopper is looking at."""
from __future__ import annotations

from flask import Blueprint, current_app
from pydantic import BaseModel, ConfigDict

from shop.catalog.models import Product, slug_query
from shop.common.api import OpenApi, parse_query, respond
from shop.common.flags import flags
from shop.common.leak import leak
from shop.recommendation.recommender import recommend

bp = Blueprint("recommendation", __name__)
api = OpenApi("AstroShop recommendation", "Products related to a set of products.")
MAX_IDS = 10
ProductIds = slug_query(1, MAX_IDS, "product ids")


class RecommendationQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    product_ids: ProductIds


class RecommendationList(BaseModel):
    recommendations: list[Product]


@bp.get("/api/recommendations")
@api.operation("/api/recommendations", "get", "Products related to the given ones",
               query_model=RecommendationQuery, response_model=RecommendationList)
def recommendations():
    """Up to four products sharing a category with the given ones, excluding them."""
    query = parse_query(RecommendationQuery)
    products = current_app.extensions["catalog_cache"].get()
    leak().follow(flags().number("recommendationCacheLeak"),
                  ",".join(product.id for product in products).encode())
    return respond(RecommendationList(recommendations=recommend(products, query.product_ids)))
