"""Ads endpoint: a couple of text ads for the categories a shopper is browsing."""
from __future__ import annotations

from flask import current_app

from shop.common.api import ApiBlueprint, parse_query, respond
from shop.common.flags import flags
from shop.contracts import ads as contract

bp = ApiBlueprint("ads", __name__)


@bp.serve(contract.LIST_ADS)
def list_ads():
    """Up to two ads matching the categories, or a deterministic pick of others."""
    query = parse_query(contract.AdQuery)
    flags().fail_if("adsFailure", "choosing ads failed")
    return respond(contract.AdList(ads=current_app.extensions["ads"].choose(query.categories)))
