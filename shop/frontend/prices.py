"""Currencies and prices: the cached currency table, conversion and exact formatting."""
from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import current_app

from shop.common.app import client
from shop.contracts.currency import CONVERT_MANY, LIST_CURRENCIES
from shop.contracts.money import Money

CACHE_TTL_S = 60.0


def cached(key: str, fetch: Callable[[], Any], ttl_s: float = CACHE_TTL_S) -> Any:
    """`fetch()`'s answer, kept in this process for `ttl_s` seconds."""
    cache = current_app.extensions.setdefault("frontend_cache", {})
    hit = cache.get(key)
    now = time.monotonic()
    if hit is not None and hit[0] > now:
        return hit[1]
    value = fetch()
    cache[key] = (now + ttl_s, value)
    return value


def currency_table() -> dict[str, dict]:
    """Every supported currency by code (code, name, symbol, minor_digits), cached 60 s."""
    return cached("currencies", lambda: {
        c["code"]: c for c in client().call(LIST_CURRENCIES)["currencies"]})


def convert_all(amounts: list[Money], to: str) -> list[Money]:
    """The amounts in currency `to`, in order, with at most one call to the currency service."""
    if all(m.currency == to for m in amounts):
        return list(amounts)
    answer = client().call(CONVERT_MANY, {"items": [m.model_dump() for m in amounts], "to": to})
    return [Money.model_validate(item) for item in answer["items"]]


def format_money(money: Money | dict) -> str:
    """An amount as a shopper reads it, with the currency's minor digits: $1,299.99, ¥19,677."""
    if isinstance(money, dict):
        money = Money.model_validate(money)
    info = currency_table().get(money.currency, {})
    digits = int(info.get("minor_digits", 2))
    symbol = info.get("symbol") or money.currency
    major, minor = divmod(money.amount_minor, 10 ** digits)
    number = f"{major:,}" + (f".{minor:0{digits}d}" if digits else "")
    separator = " " if symbol.isalpha() and len(symbol) > 1 else ""
    return f"{symbol}{separator}{number}"
