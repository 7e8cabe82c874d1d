"""An account's orders: those placed with the account the edge verified, newest first."""
from __future__ import annotations

from sqlalchemy import select

from shop.checkout.store import OrderStore, order_accounts
from shop.contracts.checkout import ORDERS_PER_PAGE, OrderPage


def account_orders(store: OrderStore, account_id: str, page: int) -> OrderPage:
    """Page `page` (from 1) of the account's orders, and the next page's number if any."""
    query = (select(order_accounts.c.order_id)
             .where(order_accounts.c.account_id == account_id)
             .order_by(order_accounts.c.placed_at.desc(), order_accounts.c.order_id.desc())
             .limit(ORDERS_PER_PAGE + 1).offset((page - 1) * ORDERS_PER_PAGE))
    with store.engine.connect() as conn:
        ids = [row.order_id for row in conn.execute(query)]
    orders = [order for order in map(store.order, ids[:ORDERS_PER_PAGE]) if order is not None]
    return OrderPage(orders=orders, next_page=page + 1 if len(ids) > ORDERS_PER_PAGE else None)
