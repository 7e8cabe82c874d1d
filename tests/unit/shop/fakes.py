"""A fake service client for unit tests: canned answers per route, every call recorded."""
from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from shop.common.client import UpstreamError, Verbs
from shop.common.errors import DependencyError

PER_USD = {"USD": Decimal(1), "EUR": Decimal("0.92"), "JPY": Decimal("151.37")}
DIGITS = {"USD": 2, "EUR": 2, "JPY": 0}


@dataclass
class Call:
    """One request the service under test made."""

    service: str
    method: str
    path: str
    body: Any
    headers: dict


@dataclass
class FakeServices(Verbs):
    """Stands in for shop.common.client.ServiceClient: same methods, same errors."""

    routes: dict = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    down: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def install(self, app) -> FakeServices:
        """Make this fake the app's service client."""
        app.extensions["astroshop_client"] = self
        return self

    def on(self, service: str, method: str, path: str, answer: Any) -> None:
        """Answer `method path` on `service` with a value or a callable(body, headers)."""
        self.routes[(service, method, path)] = answer

    def request(self, service: str, method: str, path: str, body: Any = None,
                headers: dict | None = None) -> Any:
        """Record the call, then answer it like the real client would."""
        with self.lock:
            self.calls.append(Call(service, method, path, copy.deepcopy(body), headers or {}))
        if service in self.down:
            raise DependencyError(service, "no answer (NewConnectionError)")
        answer = self.routes.get((service, method, path))
        if answer is None:
            raise UpstreamError(service, 404, {"detail": f"no route {method} {path}"})
        return copy.deepcopy(answer(body, headers or {}) if callable(answer) else answer)

    def to(self, service: str, method: str | None = None) -> list[Call]:
        """The calls made to `service` (and `method`), in order."""
        return [c for c in self.calls if c.service == service and method in (None, c.method)]


def convert(money: dict, to: str) -> dict:
    """The currency service's exact conversion, for the rates above."""
    major = Decimal(money["amount_minor"]) / 10 ** DIGITS[money["currency"]]
    target = major / PER_USD[money["currency"]] * PER_USD[to] * 10 ** DIGITS[to]
    return {"currency": to, "amount_minor": int(target.quantize(1, ROUND_HALF_EVEN))}


def product(product_id: str, cents: int, categories: list[str] | None = None,
            name: str | None = None) -> dict:
    """A Product as the catalog serves it, priced in US cents."""
    name = name or product_id.replace("-", " ").title()
    return {"id": product_id, "name": name, "description": f"The {name}, for clear nights.",
            "categories": categories or ["telescopes"],
            "price": {"currency": "USD", "amount_minor": cents},
            "image_url": f"/api/products/{product_id}/image"}


def catalog(fake: FakeServices, prices: dict[str, int]) -> None:
    """Catalog answers: each product id with its price in US cents."""
    for product_id, cents in prices.items():
        fake.on("catalog", "GET", f"/api/products/{product_id}", product(product_id, cents))


def refuse(service: str, status: int, detail: str, errors: list[dict]) -> Callable:
    """An answer that is a 4xx problem from `service`."""

    def answer(body: Any, headers: dict) -> Any:
        """Refuse, whatever was asked."""
        raise UpstreamError(service, status, {"detail": detail, "errors": errors})

    return answer


def unavailable(service: str) -> Callable:
    """An answer that is `service` failing (a 5xx or no answer)."""

    def answer(body: Any, headers: dict) -> Any:
        """Fail, whatever was asked."""
        raise DependencyError(service, "HTTP 503")

    return answer
