"""Checkout endpoints: place an order (once per Idempotency-Key) and read it back."""
from __future__ import annotations

import re

from shop.checkout import flow
from shop.checkout.history import account_orders
from shop.common.api import ApiBlueprint, parse_body, parse_header, parse_query, respond
from shop.common.errors import NotFound
from shop.common import identity
from shop.contracts import checkout as contract
from shop.contracts.accounts import ACCOUNT_ID
from shop.contracts.headers import IDEMPOTENCY_KEY

bp = ApiBlueprint("checkout", __name__)


@bp.serve(contract.PLACE_ORDER)
def checkout():
    """Charge the cart's total and ship it; the same key again returns the same order. A
    signed-in shopper's order (the account the edge verified) joins their order history."""
    key = parse_header(IDEMPOTENCY_KEY)
    order = flow.place_order(parse_body(contract.CheckoutIn), key, identity.account_id())
    return respond(order, 201)


@bp.serve(contract.GET_ORDER)
def get_order(order_id: str):
    """One order by id, or 404 naming it."""
    order = flow.store().order(order_id)
    if order is None:
        raise NotFound(f"no order {order_id[:80]!r}",
                       [{"field": "order_id", "reason": "unknown order"}])
    return respond(order)


@bp.serve(contract.ACCOUNT_ORDERS)
def orders_of_account(account_id: str):
    """One page of an account's orders, newest first (an unknown account has none)."""
    if not re.fullmatch(ACCOUNT_ID, account_id):
        raise NotFound(f"no account {account_id[:80]!r}",
                       [{"field": "account_id", "reason": "not an account id"}])
    page = parse_query(contract.OrdersQuery).page
    return respond(account_orders(flow.store(), account_id, page))
