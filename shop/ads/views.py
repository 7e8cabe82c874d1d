"""Ads endpoint: a couple of text ads for the categories a shopper is browsing."""
from __future__ import annotations

from flask import Blueprint, current_app
from pydantic import BaseModel, ConfigDict

from shop.ads.inventory import Ad
from shop.catalog.models import slug_query
from shop.common.api import OpenApi, parse_query, respond
from shop.common.flags import flags

bp = Blueprint("ads", __name__)
api = OpenApi("AstroShop ads", "Text ads for a browsing context.")
MAX_CATEGORIES = 10
Categories = slug_query(0, MAX_CATEGORIES, "categories")


class AdQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    categories: Categories


class AdList(BaseModel):
    ads: list[Ad]


@bp.get("/api/ads")
@api.operation("/api/ads", "get", "Ads for the given categories",
               query_model=AdQuery, response_model=AdList)
def list_ads():
    """Up to two ads matching the categories, or a deterministic pick of others."""
    query = parse_query(AdQuery)
    flags().fail_if("adsFailure", "choosing ads failed")
    return respond(AdList(ads=current_app.extensions["ads"].choose(query.categories)))
