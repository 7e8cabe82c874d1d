"""Page data gathered from the services, always through client() and Envoy's mesh.

Answers that do not depend on each other are asked for together (shop.common.fanout).
"""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app

from shop.common.app import client
from shop.common.client import UpstreamError
from shop.common.errors import DependencyError
from shop.common.fanout import together
from shop.common.logs import event
from shop.contracts.ads import LIST_ADS
from shop.contracts.cart import GET_CART
from shop.contracts.catalog import GET_PRODUCT, LIST_CATEGORIES, LIST_PRODUCTS
from shop.contracts.checkout import GET_ORDER
from shop.contracts.money import Money
from shop.contracts.recommendation import RECOMMENDATIONS
from shop.contracts.route import Route
from shop.contracts.shipping import QUOTE
from shop.frontend.prices import cached, convert_all


def products(category: str | None = None, q: str | None = None) -> list[dict]:
    """The catalog's products, optionally in one category and matching a search text."""
    return client().call(LIST_PRODUCTS, query={"category": category, "q": q})["products"]


def categories() -> list[dict]:
    """Every category (id, name, product_count), cached for a minute."""
    return cached("categories", lambda: client().call(LIST_CATEGORIES)["categories"])


def existing(route: Route, **params: str) -> dict:
    """The resource `route` reads, or the 404 page when the service has no such thing."""
    try:
        return client().call(route, **params)
    except UpstreamError as exc:
        if exc.status in (400, 404):
            abort(404)
        raise


def product(product_id: str) -> dict:
    """One product by id (the id is checked by the caller)."""
    return existing(GET_PRODUCT, product_id=product_id)


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
    query = {"categories": ",".join(category_ids)}
    return optional("ads", lambda: client().call(LIST_ADS, query=query)["ads"])


def recommendations(product_id: str) -> list[dict]:
    """Products related to the one on the page (may be empty)."""
    query = {"product_ids": product_id}
    return optional("recommendation",
                    lambda: client().call(RECOMMENDATIONS, query=query)["recommendations"])


def cart_items(cart_id: str) -> list[dict]:
    """The cart's items (product id and quantity each)."""
    return client().call(GET_CART, cart_id=cart_id)["items"]


def cart_lines(items: list[dict], currency: str) -> dict:
    """The lines of `items` with names and prices in `currency`, and their subtotal."""
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


def product_with_recommendations(product_id: str) -> tuple[dict, list[dict]]:
    """One product and the products related to it, asked for together."""
    found, related = together(lambda: product(product_id),
                              lambda: recommendations(product_id))
    return found, related


def shipping_quote(items: list[dict], address: dict, currency: str) -> Money | None:
    """Shipping for the cart's items to `address`, or None when shipping refuses the address."""
    body = {"address": address, "items": items, "currency": currency}
    try:
        answer = client().call(QUOTE, body)
    except UpstreamError as exc:
        event(current_app, "shipping quote refused", reason=str(exc))
        return None
    return Money.model_validate(answer["cost"])


def order(order_id: str) -> dict:
    """A placed order with each item's product name."""
    placed, catalog = together(lambda: existing(GET_ORDER, order_id=order_id), products)
    names = {p["id"]: p["name"] for p in catalog}
    placed["items"] = [{**item, "name": names.get(item["product_id"], item["product_id"])}
                       for item in placed["items"]]
    return placed
