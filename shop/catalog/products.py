"""The product catalog: loaded once from its data file, validated, then read-only."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from shop.catalog.models import CatalogFile, ProductRecord
from shop.common.errors import ApiError, NotFound
from shop.contracts.catalog import CategoryOut, Product
from shop.contracts.money import Money


class CatalogDataError(RuntimeError):
    """The data file is broken; raised at start-up, naming the product at fault."""


def _describe(exc: ValidationError, raw: dict) -> str:
    """Pydantic's first error, naming the product (by id, else by position) it concerns."""
    err = exc.errors(include_url=False)[0]
    loc = list(err["loc"])
    where = ".".join(str(part) for part in loc)
    if len(loc) >= 2 and loc[0] == "products" and isinstance(loc[1], int):
        entry = raw["products"][loc[1]]
        name = entry.get("id") if isinstance(entry, dict) else None
        where = f"product {name or '#' + str(loc[1])!r}, field {'.'.join(map(str, loc[2:]))}"
    return f"{where}: {err['msg']}"


def product_of(record: ProductRecord) -> Product:
    """The API view of a data-file record."""
    return Product(id=record.id, name=record.name, description=record.description,
                   categories=list(record.categories),
                   price=Money(currency="USD", amount_minor=record.price_usd_minor),
                   image_url=f"/api/products/{record.id}/image")


class Catalog:
    """Products and categories, searched in memory."""

    def __init__(self, data: CatalogFile, images: dict[str, bytes]):
        self.category_names = {c.id: c.name for c in data.categories}
        self.products = [product_of(record) for record in data.products]
        self.by_id = {product.id: product for product in self.products}
        self.images = images

    @classmethod
    def from_dir(cls, data_dir: str) -> Catalog:
        """Load and check products.json and images/<id>.svg, failing fast on any fault."""
        root = Path(data_dir)
        path = root / "products.json"
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            data = CatalogFile.model_validate(raw)
        except OSError as exc:
            raise CatalogDataError(f"cannot read {path}: {exc}") from exc
        except ValueError as exc:
            detail = _describe(exc, raw) if isinstance(exc, ValidationError) else str(exc)
            raise CatalogDataError(f"{path}: {detail}") from exc
        known, seen, images = {c.id for c in data.categories}, set(), {}
        if len(known) != len(data.categories):
            raise CatalogDataError(f"{path}: category ids are not unique")
        for record in data.products:
            if record.id in seen:
                raise CatalogDataError(f"{path}: product {record.id!r} appears twice")
            seen.add(record.id)
            unknown = sorted(set(record.categories) - known)
            if unknown:
                raise CatalogDataError(f"{path}: product {record.id!r} has unknown "
                                       f"categories {unknown}")
            image = root / "images" / f"{record.id}.svg"
            if not image.is_file():
                raise CatalogDataError(f"product {record.id!r} has no image at {image}")
            images[record.id] = image.read_bytes()
        return cls(data, images)

    def search(self, category: str | None = None, q: str | None = None) -> list[Product]:
        """Products in `category` whose name, description or categories contain `q`."""
        if category is not None and category not in self.category_names:
            known = ", ".join(self.category_names)
            raise ApiError(f"unknown category {category!r}; known: {known}",
                           [{"field": "category", "reason": f"unknown category {category!r}"}])
        found = self.products
        if category is not None:
            found = [p for p in found if category in p.categories]
        needle = (q or "").strip().casefold()
        if needle:
            found = [p for p in found if needle in self._haystack(p)]
        return found

    def _haystack(self, product: Product) -> str:
        """The text a search looks through, case-folded."""
        names = [self.category_names[c] for c in product.categories]
        return " ".join([product.name, product.description, *product.categories,
                         *names]).casefold()

    def get(self, product_id: str) -> Product:
        """One product, or a 404 naming the id."""
        product = self.by_id.get(product_id)
        if product is None:
            raise NotFound(f"no product with id {product_id!r}",
                           [{"field": "id", "reason": f"unknown product {product_id!r}"}])
        return product

    def image(self, product_id: str) -> bytes:
        """The SVG drawing of one product."""
        return self.images[self.get(product_id).id]

    def categories(self) -> list[CategoryOut]:
        """Every category with its product count, in data-file order."""
        return [CategoryOut(id=cid, name=name,
                            product_count=sum(cid in p.categories for p in self.products))
                for cid, name in self.category_names.items()]
