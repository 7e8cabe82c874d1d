"""Checkout endpoints: place an order (once per Idempotency-Key) and read it back."""
from __future__ import annotations

from flask import Blueprint

from shop.checkout import flow
from shop.checkout.models import CheckoutIn, Order
from shop.common.api import OpenApi, parse_body, respond
from shop.common.errors import NotFound
from shop.payment.models import IDEMPOTENCY_HEADER, idempotency_key

bp = Blueprint("checkout", __name__)
api = OpenApi("AstroShop checkout", "Placing orders, once per Idempotency-Key, and reading them.")


@bp.post("/api/checkout")
@api.operation("/api/checkout", "post", "Place an order for a cart", request_model=CheckoutIn,
               response_model=Order, status=201, headers=(IDEMPOTENCY_HEADER,))
def checkout():
    """Charge the cart's total and ship it; the same key again returns the same order."""
    key = idempotency_key()
    return respond(flow.place_order(parse_body(CheckoutIn), key), 201)


@bp.get("/api/orders/<order_id>")
@api.operation("/api/orders/<order_id>", "get", "Read an order", response_model=Order)
def get_order(order_id: str):
    """One order by id, or 404 naming it."""
    order = flow.store().order(order_id)
    if order is None:
        raise NotFound(f"no order {order_id[:80]!r}",
                       [{"field": "order_id", "reason": "unknown order"}])
    return respond(order)
