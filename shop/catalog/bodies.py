"""The catalog's answers serialised once: the data file is read-only, so each body is too."""
from __future__ import annotations

from shop.catalog.products import Catalog
from shop.common.prepared import Prepared, memo
from shop.contracts.catalog import CategoryList, ProductList

SEARCHES_KEPT = 128  # distinct (category, search text) listings kept, beyond the warm ones


def search_key(q: str | None) -> str | None:
    """The search text as the search reads it (trimmed, case-folded), None when empty."""
    return (q or "").strip().casefold() or None


class Bodies:
    """Prepared bodies of every product, the categories and the listings asked for."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.products = {product.id: Prepared.of(product) for product in catalog.products}
        self.categories = Prepared.of(CategoryList(categories=catalog.categories()))
        self._listing = memo(self._search, size=SEARCHES_KEPT + len(catalog.category_names) + 1)
        for category in (None, *catalog.category_names):
            self._listing(category, None)

    def _search(self, category: str | None, needle: str | None) -> ProductList:
        """The products of one listing (raises the catalog's 4xx for an unknown category)."""
        return ProductList(products=self.catalog.search(category, needle))

    def listing(self, category: str | None, q: str | None) -> Prepared:
        """Products in `category` matching `q`, prepared once per distinct listing."""
        return self._listing(category, search_key(q))

    def product(self, product_id: str) -> Prepared:
        """One product's body, or the catalog's 404 naming the id."""
        found = self.products.get(product_id)
        if found is None:
            self.catalog.get(product_id)  # raises NotFound
        return found
