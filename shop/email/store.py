"""The outbox table: one confirmation per order id, kept for delivery and for tests."""
from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime

from sqlalchemy import Column, MetaData, String, Table, Text, insert, select
from sqlalchemy.exc import IntegrityError

from shop.common.db import create_schema, make_engine, ping
from shop.contracts.email import Message

metadata = MetaData()
outbox = Table(
    "outbox", metadata,
    Column("message_id", String(32), primary_key=True),
    Column("order_id", String(64), nullable=False, unique=True),
    Column("to_address", String(254), nullable=False, index=True),
    Column("subject", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)


def _message(row: Mapping) -> Message:
    """A row (a column -> value mapping) as the API's Message."""
    return Message(message_id=row["message_id"], to=row["to_address"], subject=row["subject"],
                   body=row["body"], order_id=row["order_id"], created_at=row["created_at"])


class Outbox:
    """Messages in SQL; the unique order id makes a repeated confirmation a read."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        create_schema(self.engine, metadata)

    def write_once(self, order_id: str, to: str, subject: str, body: str) -> tuple[Message, bool]:
        """Write the order's message, or return the one already written for it."""
        row = {"message_id": uuid.uuid4().hex, "order_id": order_id, "to_address": to,
               "subject": subject, "body": body,
               "created_at": datetime.now(UTC).isoformat(timespec="milliseconds")}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(outbox).values(**row))
        except IntegrityError:
            with self.engine.connect() as conn:
                existing = conn.execute(select(outbox).where(outbox.c.order_id == order_id)).first()
            if existing is None:
                raise
            return _message(existing._mapping), False
        return _message(row), True

    def messages(self, to: str | None, limit: int = 100) -> list[Message]:
        """Messages, newest first, optionally only those sent to one address."""
        query = select(outbox).order_by(outbox.c.created_at.desc()).limit(limit)
        if to is not None:
            query = query.where(outbox.c.to_address == to)
        with self.engine.connect() as conn:
            return [_message(row._mapping) for row in conn.execute(query)]

    def ping(self) -> None:
        """Raise unless the database answers."""
        ping(self.engine)
