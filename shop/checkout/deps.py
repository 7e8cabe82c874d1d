"""The calls checkout makes, each answer checked; a dependency's 4xx becomes our 4xx."""
from __future__ import annotations

from typing import Any

from flask import current_app
from pydantic import BaseModel, ValidationError

from shop.common.app import client
from shop.common.client import ServiceClient, UpstreamError
from shop.common.config import as_float
from shop.common.errors import ApiError, DependencyError
from shop.common.flags import flags
from shop.contracts import cart, catalog, currency, payment, shipping
from shop.contracts.address import Address
from shop.contracts.cart import LineItem
from shop.contracts.headers import IDEMPOTENCY_HEADER
from shop.contracts.money import Money
from shop.contracts.payment import Card, payment_key
from shop.contracts.route import Route

# Port 1 of the loopback: nothing listens there, so the connection is refused at once.
UNREACHABLE = "http://127.0.0.1:1"


class Refused(ApiError):
    """A checkout refused for a reason the orders metric is labelled by."""

    def __init__(self, reason: str, detail: str, errors: list[dict], status: int):
        super().__init__(detail, errors, status=status)
        self.reason = reason


def ask(route: Route, body: Any = None, *, headers: dict | None = None,
        refused_status: int | None = None, via: ServiceClient | None = None,
        **params: object) -> Any:
    """Call `route`, checking the answer against its response model; its 4xx becomes ours."""
    try:
        answer = (via or client()).call(route, body, headers=headers, **params)
    except UpstreamError as exc:
        reason = "payment_declined" if exc.status == 402 else f"{route.service}_refused"
        detail = exc.body.get("detail", f"{route.service} refused the request ({exc.status})")
        raise Refused(reason, detail, exc.errors, refused_status or exc.status) from exc
    model: type[BaseModel] = route.response  # type: ignore[assignment]
    try:
        return model.model_validate(answer)
    except ValidationError as exc:
        raise DependencyError(route.service,
                              f"unexpected answer to {route.method} {route.path}") from exc


def cart_lines(cart_id: str) -> list[LineItem]:
    """The cart's lines."""
    return ask(cart.GET_CART, cart_id=cart_id).items


def usd_price(product_id: str) -> Money:
    """A product's price in USD; a product gone from the catalog is a 422 naming it."""
    return ask(catalog.GET_PRODUCT, refused_status=422, product_id=product_id).price


def converted(amounts: list[Money], to: str) -> list[Money]:
    """`amounts` in currency `to`, in order, checked to be in that currency."""
    answer = ask(currency.CONVERT_MANY,
                 {"items": [m.model_dump() for m in amounts], "to": to}).items
    if len(answer) != len(amounts) or any(m.currency != to for m in answer):
        raise DependencyError("currency", f"did not convert every amount to {to}")
    return answer


def shipping_cost(address: Address, lines: list[LineItem], to: str) -> Money:
    """The shipping quote, in the order's currency."""
    cost = ask(shipping.QUOTE, {"address": address.model_dump(), "currency": to,
                                "items": [line.model_dump() for line in lines]}).cost
    if cost.currency != to:
        raise DependencyError("shipping", f"quoted in {cost.currency}, not {to}")
    return cost


def payment_client() -> ServiceClient | None:
    """While the paymentUnreachable flag is on, a client aimed at a dead address; else None.

    The flag is on or off: no flag value can choose where a card is sent.
    """
    if not flags().enabled("paymentUnreachable"):
        return None
    return ServiceClient(UNREACHABLE, as_float(current_app.config, "CLIENT_TIMEOUT_S"),
                         "checkout")


def charge(key: str, amount: Money, card: Card) -> str:
    """Charge the card once for this checkout key; the charge id."""
    return ask(payment.CHARGE, {"amount": amount.model_dump(), "card": card.model_dump()},
               headers={IDEMPOTENCY_HEADER: payment_key(key)}, via=payment_client()).charge_id


def ship(address: Address, lines: list[LineItem]) -> str:
    """Create the shipment; its tracking id."""
    return ask(shipping.SHIP, {"address": address.model_dump(),
                               "items": [line.model_dump() for line in lines]}).tracking_id
