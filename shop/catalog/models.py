"""The catalog's data file: its category and product records, checked when it is loaded."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from shop.contracts.fields import SLUG


class CategoryRecord(BaseModel):
    """One category in the data file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1, max_length=60)


class ProductRecord(BaseModel):
    """One product in the data file; its price is in US cents."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=20, max_length=1000)
    categories: list[str] = Field(min_length=1, max_length=4)
    price_usd_minor: StrictInt = Field(gt=0, le=10**8)


class CatalogFile(BaseModel):
    """The whole data file: categories, then products."""

    model_config = ConfigDict(extra="forbid")
    categories: list[CategoryRecord] = Field(min_length=1)
    products: list[ProductRecord] = Field(min_length=1)
