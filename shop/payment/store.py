"""The charges table: one row per idempotency key, holding the card's brand and last 4 only,
and the keyed fingerprint of the request that made it (shop/common/fingerprint.py)."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import BigInteger, Column, MetaData, String, Table, insert, select
from sqlalchemy.exc import IntegrityError

from shop.common.db import create_schema, make_engine, ping
from shop.contracts.money import Money
from shop.contracts.payment import Charge
from shop.payment.cards import CardInfo

metadata = MetaData()
charges = Table(
    "charges", metadata,
    Column("charge_id", String(32), primary_key=True),
    Column("idempotency_key", String(200), nullable=False, unique=True),
    Column("brand", String(16), nullable=False),
    Column("last4", String(4), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("amount_minor", BigInteger, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("fingerprint", String(64)),  # none on rows made before fingerprints were kept
)


def _charge(row) -> Charge:
    """A row as the API's Charge."""
    return Charge(charge_id=row.charge_id, brand=row.brand, last4=row.last4,
                  amount=Money(currency=row.currency, amount_minor=row.amount_minor),
                  created_at=row.created_at)


class ChargeStore:
    """Charges in SQL; the unique idempotency key makes a repeated charge a read."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        create_schema(self.engine, metadata)

    def charge_once(self, key: str, amount: Money, card: CardInfo,
                    digest: str) -> tuple[Charge, bool]:
        """Claim `key` with an INSERT; if another request holds it, return its charge instead."""
        row = {"charge_id": uuid.uuid4().hex, "idempotency_key": key, "brand": card.brand,
               "last4": card.last4, "currency": amount.currency,
               "amount_minor": amount.amount_minor, "fingerprint": digest,
               "created_at": datetime.now(UTC).isoformat(timespec="milliseconds")}
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(charges).values(**row))
        except IntegrityError:
            existing = self.by_key(key)
            if existing is None:
                raise
            return existing, False
        return self.by_id(row["charge_id"]), True

    def by_key(self, key: str) -> Charge | None:
        """The charge made under an idempotency key, if any."""
        found = self.select(key)
        return found[0] if found else None

    def fingerprint_of(self, key: str) -> str | None:
        """The fingerprint of the request that made the charge under `key`, if kept."""
        with self.engine.connect() as conn:
            return conn.execute(select(charges.c.fingerprint).where(
                charges.c.idempotency_key == key)).scalar()

    def by_id(self, charge_id: str) -> Charge | None:
        """One charge by id, if any."""
        with self.engine.connect() as conn:
            row = conn.execute(select(charges).where(charges.c.charge_id == charge_id)).first()
        return _charge(row) if row is not None else None

    def select(self, key: str | None, limit: int = 100) -> list[Charge]:
        """Charges, newest first, optionally only those of one idempotency key."""
        query = select(charges).order_by(charges.c.created_at.desc()).limit(limit)
        if key is not None:
            query = query.where(charges.c.idempotency_key == key)
        with self.engine.connect() as conn:
            return [_charge(row) for row in conn.execute(query)]

    def ping(self) -> None:
        """Raise unless the database answers."""
        ping(self.engine)
