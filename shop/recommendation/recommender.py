"""Related products: an in-process cache of the catalog and the ranking over it."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

from pydantic import ValidationError

from shop.common.app import client
from shop.common.business import RECOMMENDATION_CACHE
from shop.common.errors import DependencyError, NotFound
from shop.contracts.catalog import LIST_PRODUCTS, Product, ProductList

LIMIT = 4


class CatalogCache:
    """The catalog's product list, fetched through the mesh and kept for `ttl_s` seconds."""

    def __init__(self, ttl_s: float, clock: Callable[[], float] = time.monotonic):
        self.ttl_s = ttl_s
        self.clock = clock
        self.lock = threading.Lock()
        self.products: list[Product] = []
        self.fetched_at: float | None = None

    def get(self) -> list[Product]:
        """The cached products, refetched from the catalog once they are older than the TTL."""
        with self.lock:
            now = self.clock()
            if self.fetched_at is not None and now - self.fetched_at < self.ttl_s:
                RECOMMENDATION_CACHE.labels("hit").inc()
                return self.products
            RECOMMENDATION_CACHE.labels("miss").inc()
            self.products = self._fetch()
            self.fetched_at = now
            return self.products

    @staticmethod
    def _fetch() -> list[Product]:
        """Every product, from the catalog service."""
        try:
            return ProductList.model_validate(client().call(LIST_PRODUCTS)).products
        except ValidationError as exc:
            raise DependencyError("catalog", f"unexpected product list ({exc})") from exc


def recommend(products: list[Product], product_ids: list[str],
              limit: int = LIMIT) -> list[Product]:
    """Up to `limit` products sharing categories with the given ones, most shared first.

    The given products are excluded; ties keep catalog order, and the list is filled from
    the rest of the catalog when too few products share a category.
    """
    by_id = {product.id: product for product in products}
    known = [pid for pid in dict.fromkeys(product_ids) if pid in by_id]
    if not known:
        shown = ", ".join(repr(pid) for pid in product_ids)
        raise NotFound(f"none of the products {shown} is in the catalog",
                       [{"field": "product_ids", "reason": f"unknown product ids: {shown}"}])
    wanted = {category for pid in known for category in by_id[pid].categories}
    excluded = set(known)
    candidates = [p for p in products if p.id not in excluded]
    ranked = sorted(enumerate(candidates),
                    key=lambda pair: (-len(wanted.intersection(pair[1].categories)), pair[0]))
    return [product for _, product in ranked[:limit]]
