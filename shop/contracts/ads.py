"""The ads service's route and models: a couple of text ads for a browsing context."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shop.contracts.fields import SLUG, slug_query
from shop.contracts.route import Route

# Where an ad may send the shopper: a product page or a category of this store, nowhere else.
REDIRECT = r"^/(product/[a-z0-9-]{1,64}|\?category=[a-z0-9-]{1,64})$"
MAX_CATEGORIES = 10
Categories = slug_query(0, MAX_CATEGORIES, "categories")


class Ad(BaseModel):
    """One text ad pointing at a page of the store."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=SLUG)
    text: str = Field(min_length=10, max_length=200)
    category: str = Field(pattern=SLUG)
    redirect_url: str = Field(pattern=REDIRECT, examples=["/product/dobsonian-8"])


class AdQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    categories: Categories


class AdList(BaseModel):
    ads: list[Ad]


LIST_ADS = Route("ads", "GET", "/api/ads", "Ads for the given categories", query=AdQuery,
                 response=AdList)
