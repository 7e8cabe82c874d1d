"""Checkout endpoints: place an order (once per Idempotency-Key) and read it back."""
from __future__ import annotations

from shop.checkout import flow
from shop.common.api import ApiBlueprint, parse_body, parse_header, respond
from shop.common.errors import NotFound
from shop.contracts import checkout as contract
from shop.contracts.headers import IDEMPOTENCY_KEY

bp = ApiBlueprint("checkout", __name__)


@bp.serve(contract.PLACE_ORDER)
def checkout():
    """Charge the cart's total and ship it; the same key again returns the same order."""
    key = parse_header(IDEMPOTENCY_KEY)
    return respond(flow.place_order(parse_body(contract.CheckoutIn), key), 201)


@bp.serve(contract.GET_ORDER)
def get_order(order_id: str):
    """One order by id, or 404 naming it."""
    order = flow.store().order(order_id)
    if order is None:
        raise NotFound(f"no order {order_id[:80]!r}",
                       [{"field": "order_id", "reason": "unknown order"}])
    return respond(order)
