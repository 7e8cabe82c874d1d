"""The catalog's routes and models: products (priced in USD), categories and images."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from shop.contracts.fields import SLUG
from shop.contracts.money import Money
from shop.contracts.route import Route


class ProductQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")
    category: str | None = Field(None, pattern=SLUG, description="a category id")
    q: str | None = Field(None, max_length=100, description="case-insensitive search text")


class Product(BaseModel):
    """A product as the API serves it: price is Money in USD."""

    id: str = Field(pattern=SLUG, examples=["apo-refractor-80"])
    name: str
    description: str
    categories: list[str]
    price: Money
    image_url: str = Field(examples=["/api/products/apo-refractor-80/image"])


class CategoryOut(BaseModel):
    """A category with how many products it holds."""

    id: str
    name: str
    product_count: int


class ProductList(BaseModel):
    products: list[Product]


class CategoryList(BaseModel):
    categories: list[CategoryOut]


LIST_PRODUCTS = Route("catalog", "GET", "/api/products", "List or search products",
                      query=ProductQuery, response=ProductList)
GET_PRODUCT = Route("catalog", "GET", "/api/products/<product_id>", "Get one product",
                    response=Product)
PRODUCT_IMAGE = Route("catalog", "GET", "/api/products/<product_id>/image",
                      "Get a product's SVG image")
LIST_CATEGORIES = Route("catalog", "GET", "/api/categories",
                        "List categories with product counts", response=CategoryList)
