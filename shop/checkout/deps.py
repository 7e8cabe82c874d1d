"""The calls checkout makes, each answer checked; a dependency's 4xx becomes our 4xx."""
from __future__ import annotations

import hashlib
from typing import Any, TypeVar

from flask import current_app
from pydantic import BaseModel, ValidationError

from shop.common.app import client
from shop.common.client import ServiceClient, UpstreamError
from shop.common.config import as_float
from shop.common.errors import ApiError, DependencyError
from shop.common.flags import flags
from shop.common.money import Money
from shop.payment.models import IDEMPOTENCY_HEADER, MAX_KEY_LENGTH, Card
from shop.shipping.models import Address, LineItem

T = TypeVar("T", bound=BaseModel)
PAYMENT_KEY_PREFIX = "checkout-"


class Refused(ApiError):
    """A checkout refused for a reason the orders metric is labelled by."""

    def __init__(self, reason: str, detail: str, errors: list[dict], status: int):
        super().__init__(detail, errors, status=status)
        self.reason = reason


class CartAnswer(BaseModel):
    items: list[LineItem]


class ProductAnswer(BaseModel):
    price: Money


class ConvertAnswer(BaseModel):
    items: list[Money]


class QuoteAnswer(BaseModel):
    cost: Money


class ChargeAnswer(BaseModel):
    charge_id: str


class ShipmentAnswer(BaseModel):
    tracking_id: str


def ask(model: type[T], service: str, method: str, path: str, body: Any = None,
        headers: dict | None = None, refused_status: int | None = None,
        via: ServiceClient | None = None) -> T:
    """Call `service` and check its answer against `model`; its 4xx is re-raised as ours."""
    try:
        answer = (via or client()).request(service, method, path, body=body, headers=headers)
    except UpstreamError as exc:
        reason = "payment_declined" if exc.status == 402 else f"{service}_refused"
        detail = exc.body.get("detail", f"{service} refused the request ({exc.status})")
        raise Refused(reason, detail, exc.errors, refused_status or exc.status) from exc
    try:
        return model.model_validate(answer)
    except ValidationError as exc:
        raise DependencyError(service, f"unexpected answer to {method} {path}") from exc


def payment_key(key: str) -> str:
    """The Idempotency-Key for the payment service, derived from the checkout's key."""
    if len(PAYMENT_KEY_PREFIX) + len(key) <= MAX_KEY_LENGTH:
        return PAYMENT_KEY_PREFIX + key
    return PAYMENT_KEY_PREFIX + "sha256-" + hashlib.sha256(key.encode()).hexdigest()


def cart_lines(cart_id: str) -> list[LineItem]:
    """The cart's lines."""
    return ask(CartAnswer, "cart", "GET", f"/api/carts/{cart_id}").items


def usd_price(product_id: str) -> Money:
    """A product's price in USD; a product gone from the catalog is a 422 naming it."""
    return ask(ProductAnswer, "catalog", "GET", f"/api/products/{product_id}",
               refused_status=422).price


def converted(amounts: list[Money], currency: str) -> list[Money]:
    """`amounts` in `currency`, in order, checked to be in that currency."""
    answer = ask(ConvertAnswer, "currency", "POST", "/convert/many",
                 {"items": [m.model_dump() for m in amounts], "to": currency}).items
    if len(answer) != len(amounts) or any(m.currency != currency for m in answer):
        raise DependencyError("currency", f"did not convert every amount to {currency}")
    return answer


def shipping_cost(address: Address, lines: list[LineItem], currency: str) -> Money:
    """The shipping quote, in the order's currency."""
    cost = ask(QuoteAnswer, "shipping", "POST", "/api/shipping/quote",
               {"address": address.model_dump(), "items": [line.model_dump() for line in lines],
                "currency": currency}).cost
    if cost.currency != currency:
        raise DependencyError("shipping", f"quoted in {cost.currency}, not {currency}")
    return cost


def payment_client() -> ServiceClient | None:
    """A client aimed at the paymentUnreachable flag's dead address, or None (the mesh)."""
    dead = flags().text("paymentUnreachable")
    if not dead:
        return None
    return ServiceClient(dead, as_float(current_app.config, "CLIENT_TIMEOUT_S"), "checkout")


def charge(key: str, amount: Money, card: Card) -> str:
    """Charge the card once for this checkout key; the charge id."""
    return ask(ChargeAnswer, "payment", "POST", "/charge",
               {"amount": amount.model_dump(), "card": card.model_dump()},
               headers={IDEMPOTENCY_HEADER: payment_key(key)}, via=payment_client()).charge_id


def ship(address: Address, lines: list[LineItem]) -> str:
    """Create the shipment; its tracking id."""
    return ask(ShipmentAnswer, "shipping", "POST", "/ship",
               {"address": address.model_dump(),
                "items": [line.model_dump() for line in lines]}).tracking_id
