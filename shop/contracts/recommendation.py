"""The recommendation service's route and models: products related to a set of products."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from shop.contracts.catalog import Product
from shop.contracts.fields import slug_query
from shop.contracts.route import Route

MAX_IDS = 10
ProductIds = slug_query(1, MAX_IDS, "product ids")


class RecommendationQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    product_ids: ProductIds


class RecommendationList(BaseModel):
    recommendations: list[Product]


RECOMMENDATIONS = Route("recommendation", "GET", "/api/recommendations",
                        "Products related to the given ones", query=RecommendationQuery,
                        response=RecommendationList)
