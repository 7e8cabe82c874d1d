"""Test data fetched from the shop under load: product ids, their categories, currencies."""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import requests

from harness.shopclient import ShopClient, ShopError


MAX_LINES = 4  # a checkout holds 1 to 4 distinct products


class NoTestData(RuntimeError):
    """The target did not give the products and currencies the load needs."""


@dataclass
class ShopData:
    """What the shoppers pick from; filled once per Locust process by `load`."""

    products: list[dict] = field(default_factory=list)
    currencies: list[str] = field(default_factory=list)

    def load(self, base_url: str) -> ShopData:
        """Fetch the catalog and the currencies from the public API at `base_url`."""
        client = ShopClient(base_url, timeout=15)
        try:
            self.products = [{"id": p["id"], "categories": p.get("categories", [])}
                             for p in client.products()]
            self.currencies = [c["code"] for c in client.call("GET", "/api/currencies")["currencies"]]
        except (ShopError, requests.RequestException, KeyError, TypeError) as exc:
            raise NoTestData(f"could not fetch test data from {base_url}: {exc}") from exc
        if not self.products or not self.currencies:
            raise NoTestData(f"{base_url} lists no products or no currencies; nothing to shop for")
        return self

    def product(self) -> dict:
        """A random product."""
        return random.choice(self.products)

    def product_ids(self, count: int) -> list[str]:
        """`count` distinct random product ids (fewer if the catalog is smaller)."""
        return [p["id"] for p in random.sample(self.products, min(count, len(self.products)))]

    def categories(self, count: int = 2) -> list[str]:
        """Up to `count` categories of a random product."""
        return self.product()["categories"][:count]

    def currency(self) -> str:
        """A random currency code."""
        return random.choice(self.currencies)

    def top_up(self, lines: set[str], add: Callable[[str], None]) -> None:
        """Add products (through `add`) until the cart holds 1 to MAX_LINES distinct ones."""
        wanted = random.randint(1, MAX_LINES)
        for product_id in self.product_ids(MAX_LINES):
            if len(lines) >= wanted:
                break
            if product_id not in lines:
                add(product_id)


DATA = ShopData()
