"""Placing an order: claim the key, price the cart, charge once, ship, persist, then tidy up."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask import current_app

from shop.checkout import deps
from shop.checkout.idempotency import claim_or_wait, fingerprint
from shop.checkout.store import OrderStore
from shop.common.app import client
from shop.common.business import CART_SIZE, ORDER_VALUE, ORDERS
from shop.common.errors import ApiError, DependencyError
from shop.common.logs import event
from shop.contracts.cart import CLEAR_CART
from shop.contracts.checkout import CheckoutIn, Order, OrderItem
from shop.contracts.email import SEND_CONFIRMATION
from shop.contracts.money import Money


def store() -> OrderStore:
    """This app's order store."""
    return current_app.extensions["order_store"]


def price_charge_and_ship(body: CheckoutIn, key: str) -> tuple[Order, str, int]:
    """Price the cart, charge the total once, ship: the order, charge id and US cents of goods."""
    lines = deps.cart_lines(body.cart_id)
    if not lines:
        raise deps.Refused("cart_empty", "cart is empty: add products before checking out",
                           [{"field": "cart_id", "reason": "the cart has no items"}], 422)
    usd = [deps.usd_price(line.product_id) for line in lines]
    prices = deps.converted(usd, body.currency)
    items = [OrderItem(product_id=line.product_id, quantity=line.quantity, unit_price=price,
                       line_total=price.times(line.quantity)) for line, price in zip(lines, prices)]
    shipping = deps.shipping_cost(body.address, lines, body.currency)
    total = sum((item.line_total for item in items), Money.zero(body.currency)) + shipping
    charge_id = deps.charge(key, total, body.card)
    tracking_id = deps.ship(body.address, lines)
    usd_cents = sum(price.amount_minor * line.quantity for price, line in zip(usd, lines))
    return Order(order_id=uuid.uuid4().hex, tracking_id=tracking_id, email=body.email,
                 currency=body.currency, items=items, shipping=shipping, total=total,
                 created_at=datetime.now(UTC).isoformat(timespec="seconds")), charge_id, usd_cents


def failure_reason(exc: ApiError) -> str:
    """The orders metric's reason for a failed checkout."""
    if isinstance(exc, deps.Refused):
        return exc.reason
    if isinstance(exc, DependencyError):
        return f"{exc.service}_unavailable"
    return "invalid"


def send_confirmation(order: Order) -> str:
    """Email the confirmation; a failure is logged and labelled, the order stands."""
    try:
        client().call(SEND_CONFIRMATION,
                      {"email": order.email, "order": order.model_dump(mode="json")})
    except DependencyError as exc:
        current_app.logger.warning("order confirmation not sent", extra={"fields": {
            "order_id": order.order_id, "error": exc.detail}})
        return "email_failed"
    return "none"


def empty_cart(cart_id: str, order: Order) -> None:
    """Empty the ordered cart; a failure is logged, the order stands."""
    try:
        client().call(CLEAR_CART, cart_id=cart_id)
    except DependencyError as exc:
        current_app.logger.warning("cart not emptied", extra={"fields": {
            "cart_id": cart_id, "order_id": order.order_id, "error": exc.detail}})


def place_order(body: CheckoutIn, key: str, account_id: str | None = None) -> Order:
    """The order for this key: placed now (linked to the signed-in account, if any), or the
    one a previous request placed."""
    digest = fingerprint(body, current_app.extensions["fingerprint_key"])
    if (previous := claim_or_wait(store(), key, digest)) is not None:
        return previous
    order = None
    try:
        placed, charge_id, usd_cents = price_charge_and_ship(body, key)
        order = store().save(key, placed, charge_id, account_id)
    except ApiError as exc:
        ORDERS.labels("failed", failure_reason(exc)).inc()
        raise
    finally:
        if order is None:
            store().release(key)
    empty_cart(body.cart_id, order)
    ORDERS.labels("placed", send_confirmation(order)).inc()
    CART_SIZE.observe(len(order.items))
    ORDER_VALUE.observe(usd_cents / 100)
    event(current_app, "order placed", order_id=order.order_id, currency=order.currency,
          total=order.total.amount_minor, items=len(order.items), signed_in=bool(account_id))
    return order
