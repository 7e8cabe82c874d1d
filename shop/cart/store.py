"""Cart stores: one interface, a SQL table (SQLite / PostgreSQL) or a Redis hash per cart."""
from __future__ import annotations

from typing import Protocol

from sqlalchemy import (Column, Engine, Integer, MetaData, String, Table, delete, insert, select,
                        update)
from sqlalchemy.exc import IntegrityError

from shop.common.db import create_schema, make_engine, ping

metadata = MetaData()
cart_items = Table(
    "cart_items", metadata,
    Column("cart_id", String(64), primary_key=True),
    Column("product_id", String(64), primary_key=True),
    Column("quantity", Integer, nullable=False),
)


class CartStore(Protocol):
    """What the views need from a store: a cart is a mapping product id -> quantity."""

    def lines(self, cart_id: str) -> dict[str, int]:
        """The cart's lines, sorted by product id; an unknown cart has none."""

    def put_line(self, cart_id: str, product_id: str, quantity: int) -> None:
        """Set one line's quantity, creating the line (and the cart) if needed."""

    def remove_line(self, cart_id: str, product_id: str) -> None:
        """Remove one line; removing a missing line is not an error."""

    def clear(self, cart_id: str) -> None:
        """Remove every line of the cart."""

    def ping(self) -> None:
        """Raise unless the store answers."""


class SqlCartStore:
    """Carts as rows of one table, keyed by (cart_id, product_id)."""

    def __init__(self, url: str):
        self.engine: Engine = make_engine(url)
        create_schema(self.engine, metadata)

    def lines(self, cart_id: str) -> dict[str, int]:
        """The cart's lines, sorted by product id."""
        query = (select(cart_items.c.product_id, cart_items.c.quantity)
                 .where(cart_items.c.cart_id == cart_id).order_by(cart_items.c.product_id))
        with self.engine.connect() as conn:
            return {row.product_id: row.quantity for row in conn.execute(query)}

    def _upsert(self, cart_id: str, product_id: str, quantity: int) -> None:
        """Update the line, or insert it when there is none, in one transaction."""
        key = (cart_items.c.cart_id == cart_id) & (cart_items.c.product_id == product_id)
        with self.engine.begin() as conn:
            if conn.execute(update(cart_items).where(key).values(quantity=quantity)).rowcount:
                return
            conn.execute(insert(cart_items).values(cart_id=cart_id, product_id=product_id,
                                                   quantity=quantity))

    def put_line(self, cart_id: str, product_id: str, quantity: int) -> None:
        """Set one line's quantity; a concurrent insert of the same line turns into an update."""
        try:
            self._upsert(cart_id, product_id, quantity)
        except IntegrityError:
            self._upsert(cart_id, product_id, quantity)

    def remove_line(self, cart_id: str, product_id: str) -> None:
        """Delete one line."""
        with self.engine.begin() as conn:
            conn.execute(delete(cart_items).where((cart_items.c.cart_id == cart_id)
                                                  & (cart_items.c.product_id == product_id)))

    def clear(self, cart_id: str) -> None:
        """Delete every line of the cart."""
        with self.engine.begin() as conn:
            conn.execute(delete(cart_items).where(cart_items.c.cart_id == cart_id))

    def ping(self) -> None:
        """Raise unless the database answers."""
        ping(self.engine)
