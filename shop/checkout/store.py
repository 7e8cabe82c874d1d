"""Orders, their items, and the idempotency claims that make placing an order happen once."""
from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import (BigInteger, Column, Float, ForeignKey, Integer, MetaData, String, Table,
                        delete, insert, select, update)
from sqlalchemy.exc import IntegrityError

from shop.common.db import create_schema, make_engine, ping
from shop.contracts.checkout import Order, OrderItem
from shop.contracts.money import Money

metadata = MetaData()
claims = Table(
    "checkout_claims", metadata,
    Column("idempotency_key", String(200), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("claimed_at", Float, nullable=False),
    Column("order_id", String(32)),
)
orders = Table(
    "orders", metadata,
    Column("order_id", String(32), primary_key=True),
    Column("idempotency_key", String(200), nullable=False, unique=True),
    Column("charge_id", String(64), nullable=False),
    Column("tracking_id", String(64), nullable=False),
    Column("email", String(254), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("shipping_minor", BigInteger, nullable=False),
    Column("total_minor", BigInteger, nullable=False),
    Column("created_at", String(40), nullable=False),
)
order_items = Table(
    "order_items", metadata,
    Column("order_id", String(32), ForeignKey("orders.order_id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("product_id", String(64), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price_minor", BigInteger, nullable=False),
)
# Orders a signed-in shopper placed: the account the edge verified (shop/checkout/history.py).
order_accounts = Table(
    "order_accounts", metadata,
    Column("order_id", String(32), ForeignKey("orders.order_id"), primary_key=True),
    Column("account_id", String(32), nullable=False, index=True),
    Column("placed_at", Float, nullable=False),  # newest first, to the microsecond
)


@dataclass(frozen=True)
class Claim:
    """Who holds an idempotency key: the request's fingerprint, since when, and its order."""

    fingerprint: str
    claimed_at: float
    order_id: str | None


class OrderStore:
    """Claims and orders in SQL; a claim is a row whose primary key is the idempotency key."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        create_schema(self.engine, metadata)

    def claim(self, key: str, fingerprint: str) -> Claim | None:
        """Take the key (None) or return who holds it; a claim released meanwhile retries."""
        while True:
            try:
                with self.engine.begin() as conn:
                    conn.execute(insert(claims).values(idempotency_key=key, order_id=None,
                                                       fingerprint=fingerprint,
                                                       claimed_at=time.time()))
                return None
            except IntegrityError:
                with self.engine.connect() as conn:
                    row = conn.execute(select(claims).where(
                        claims.c.idempotency_key == key)).first()
                if row is not None:
                    return Claim(row.fingerprint, row.claimed_at, row.order_id)

    def take_over(self, key: str, stale: Claim) -> bool:
        """Take a pending claim whose holder stopped; only one taker wins."""
        with self.engine.begin() as conn:
            return conn.execute(update(claims).where(
                (claims.c.idempotency_key == key) & (claims.c.claimed_at == stale.claimed_at)
                & claims.c.order_id.is_(None)).values(claimed_at=time.time())).rowcount == 1

    def release(self, key: str) -> None:
        """Give up a pending claim so that a retry can proceed."""
        with self.engine.begin() as conn:
            conn.execute(delete(claims).where((claims.c.idempotency_key == key)
                                              & claims.c.order_id.is_(None)))

    def save(self, key: str, order: Order, charge_id: str, account_id: str | None = None) -> Order:
        """Persist the order, its items and its account (if any) and complete the claim, in
        one transaction."""
        with self.engine.begin() as conn:
            conn.execute(insert(orders).values(
                order_id=order.order_id, idempotency_key=key, charge_id=charge_id,
                tracking_id=order.tracking_id, email=order.email, currency=order.currency,
                shipping_minor=order.shipping.amount_minor,
                total_minor=order.total.amount_minor, created_at=order.created_at))
            conn.execute(insert(order_items), [
                {"order_id": order.order_id, "position": n, "product_id": item.product_id,
                 "quantity": item.quantity, "unit_price_minor": item.unit_price.amount_minor}
                for n, item in enumerate(order.items)])
            if account_id:
                conn.execute(insert(order_accounts).values(
                    order_id=order.order_id, account_id=account_id, placed_at=time.time()))
            conn.execute(update(claims).where(claims.c.idempotency_key == key)
                         .values(order_id=order.order_id))
        return order

    def order(self, order_id: str) -> Order | None:
        """An order with its items, or None."""
        with self.engine.connect() as conn:
            head = conn.execute(select(orders).where(orders.c.order_id == order_id)).first()
            if head is None:
                return None
            rows = conn.execute(select(order_items).where(order_items.c.order_id == order_id)
                                .order_by(order_items.c.position)).all()

        def money(minor: int) -> Money:
            """An amount in the order's currency."""
            return Money(currency=head.currency, amount_minor=minor)

        items = [OrderItem(product_id=r.product_id, quantity=r.quantity,
                           unit_price=money(r.unit_price_minor),
                           line_total=money(r.unit_price_minor).times(r.quantity)) for r in rows]
        return Order(order_id=head.order_id, tracking_id=head.tracking_id, email=head.email,
                     currency=head.currency, items=items, shipping=money(head.shipping_minor),
                     total=money(head.total_minor), created_at=head.created_at)

    def ping(self) -> None:
        """Raise unless the database answers."""
        ping(self.engine)
