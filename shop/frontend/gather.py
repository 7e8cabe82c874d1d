"""Page data gathered from the services, always through client() and Envoy's mesh."""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from flask import abort, current_app

from shop.common.app import client
from shop.common.client import UpstreamError
from shop.common.errors import DependencyError
from shop.common.logs import event
from shop.common.money import Money
from shop.frontend.prices import cached, convert_all


def with_query(path: str, **params: str | None) -> str:
    """`path` with the non-empty parameters as its query string."""
    given = {key: value for key, value in params.items() if value}
    return f"{path}?{urlencode(given, safe=',')}" if given else path


def products(category: str | None = None, q: str | None = None) -> list[dict]:
    """The catalog's products, optionally in one category and matching a search text."""
    path = with_query("/api/products", category=category, q=q)
    return client().get("catalog", path)["products"]


def categories() -> list[dict]:
    """Every category (id, name, product_count), cached for a minute."""
    return cached("categories", lambda: client().get("catalog", "/api/categories")["categories"])


def existing(service: str, path: str) -> dict:
    """The resource at `path`, or the 404 page when the service has no such thing."""
    try:
        return client().get(service, path)
    except UpstreamError as exc:
        if exc.status in (400, 404):
            abort(404)
        raise


def product(product_id: str) -> dict:
    """One product by id (the id is checked by the caller)."""
    return existing("catalog", f"/api/products/{product_id}")


def priced(items: list[dict], currency: str) -> list[dict]:
    """The products with `shown_price` in the shopper's currency, converted in one call."""
    shown = convert_all([Money.model_validate(p["price"]) for p in items], currency)
    return [{**p, "shown_price": price} for p, price in zip(items, shown, strict=True)]


def optional(service: str, fetch: Callable[[], list[dict]]) -> list[dict]:
    """What an optional service answers, or nothing when it failed: the block just vanishes."""
    try:
        return fetch()
    except (DependencyError, UpstreamError) as exc:
        event(current_app, "optional block hidden", dependency=service, reason=str(exc))
        return []


def ads(category_ids: list[str]) -> list[dict]:
    """Ads for the categories on the page (may be empty)."""
    path = with_query("/api/ads", categories=",".join(category_ids))
    return optional("ads", lambda: client().get("ads", path)["ads"])


def recommendations(product_id: str) -> list[dict]:
    """Products related to the one on the page (may be empty)."""
    path = with_query("/api/recommendations", product_ids=product_id)
    return optional("recommendation",
                    lambda: client().get("recommendation", path)["recommendations"])


def cart(cart_id: str, currency: str) -> dict:
    """The cart's lines with names and prices in `currency`, its items and its subtotal."""
    items = client().get("cart", f"/api/carts/{cart_id}")["items"]
    subtotal = Money.zero(currency)
    if not items:
        return {"items": [], "lines": [], "subtotal": subtotal}
    known = {p["id"]: p for p in products()}
    items = [item for item in items if item["product_id"] in known]
    shown = priced([known[item["product_id"]] for item in items], currency)
    lines = []
    for item, line_product in zip(items, shown, strict=True):
        line_total = line_product["shown_price"].times(item["quantity"])
        subtotal = subtotal + line_total
        lines.append({"product": line_product, "quantity": item["quantity"],
                      "unit_price": line_product["shown_price"], "line_total": line_total})
    return {"items": items, "lines": lines, "subtotal": subtotal}


def shipping_quote(items: list[dict], address: dict, currency: str) -> Money | None:
    """Shipping for the cart's items to `address`, or None when shipping refuses the address."""
    body = {"address": address, "items": items, "currency": currency}
    try:
        answer = client().post("shipping", "/api/shipping/quote", body)
    except UpstreamError as exc:
        event(current_app, "shipping quote refused", reason=str(exc))
        return None
    return Money.model_validate(answer["cost"])


def order(order_id: str) -> dict:
    """A placed order with each item's product name."""
    placed = existing("checkout", f"/api/orders/{order_id}")
    names = {p["id"]: p["name"] for p in products()}
    placed["items"] = [{**item, "name": names.get(item["product_id"], item["product_id"])}
                       for item in placed["items"]]
    return placed
