"""Recommendation endpoint: products related to the ones a shopper is looking at."""
from __future__ import annotations

from flask import current_app

from shop.common.api import ApiBlueprint, parse_query, respond
from shop.common.flags import flags
from shop.common.leak import leak
from shop.contracts import recommendation as contract
from shop.recommendation.recommender import recommend

bp = ApiBlueprint("recommendation", __name__)


@bp.serve(contract.RECOMMENDATIONS)
def recommendations():
    """Up to four products sharing a category with the given ones, excluding them."""
    query = parse_query(contract.RecommendationQuery)
    products = current_app.extensions["catalog_cache"].get()
    leak().follow(flags().number("recommendationCacheLeak"),
                  ",".join(product.id for product in products).encode())
    return respond(contract.RecommendationList(
        recommendations=recommend(products, query.product_ids)))
