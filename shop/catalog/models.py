"""The catalog's schemas: the data file's records and the Product every service sees."""
from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt

from shop.common.money import Money

# Product and category ids: lowercase slugs. Other services import this pattern.
SLUG = r"^[a-z0-9-]{1,64}$"


def slug_list(value: str, least: int, most: int, what: str) -> list[str]:
    """Comma-separated slugs, blanks dropped; ValueError when too few, too many or malformed."""
    items = [part.strip() for part in value.split(",") if part.strip()]
    if not least <= len(items) <= most:
        raise ValueError(f"give {least} to {most} {what}, got {len(items)}")
    bad = [item for item in items if not re.fullmatch(SLUG, item)]
    if bad:
        raise ValueError(f"malformed entry {bad[0][:80]!r} in {what}")
    return items


def slug_query(least: int, most: int, what: str) -> Any:
    """A query parameter of comma-separated slugs: a string on the wire, a list once parsed."""
    return Annotated[str, Field("" if least == 0 else ..., max_length=most * 70,
                                validate_default=True,
                                description=f"{least} to {most} comma-separated {what}"),
                     AfterValidator(lambda value: slug_list(value, least, most, what))]


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


class Product(BaseModel):
    """A product as the API serves it: price is Money in USD."""

    id: str = Field(pattern=SLUG, examples=["apo-refractor-80"])
    name: str
    description: str
    categories: list[str]
    price: Money
    image_url: str = Field(examples=["/api/products/apo-refractor-80/image"])

    @classmethod
    def from_record(cls, record: ProductRecord) -> Product:
        """The API view of a data-file record."""
        return cls(id=record.id, name=record.name, description=record.description,
                   categories=list(record.categories),
                   price=Money(currency="USD", amount_minor=record.price_usd_minor),
                   image_url=f"/api/products/{record.id}/image")


class CategoryOut(BaseModel):
    """A category with how many products it holds."""

    id: str
    name: str
    product_count: int
