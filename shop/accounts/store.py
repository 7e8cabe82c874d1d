"""Accounts in SQL (SQLite by default, PostgreSQL with a URL): create, look up, new password."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from shop.accounts.tables import accounts, metadata
from shop.common.db import create_schema, make_engine, ping


@dataclass(frozen=True)
class Account:
    """One account as stored: its id, address, password hash and when it was made."""

    account_id: str
    email: str
    password_hash: str
    created_at: str


def timestamp(now: float) -> str:
    """An ISO 8601 UTC timestamp to the second."""
    return datetime.fromtimestamp(now, UTC).isoformat(timespec="seconds")


class AccountStore:
    """The accounts table; its engine is shared with the refresh tokens and the lockout."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        create_schema(self.engine, metadata)

    def create(self, email: str, password_hash: str, now: float) -> Account | None:
        """A new account, or None when the address already has one (nothing is changed)."""
        account = Account(uuid.uuid4().hex, email, password_hash, timestamp(now))
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(accounts).values(
                    account_id=account.account_id, email=email, password_hash=password_hash,
                    created_at=account.created_at, password_changed_at=now))
        except IntegrityError:
            return None
        return account

    def _one(self, condition) -> Account | None:
        """The account matching `condition`, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(accounts).where(condition)).first()
        return None if row is None else Account(row.account_id, row.email, row.password_hash,
                                                row.created_at)

    def by_email(self, email: str) -> Account | None:
        """The account of a (lowercased) address."""
        return self._one(accounts.c.email == email)

    def by_id(self, account_id: str) -> Account | None:
        """The account with this id."""
        return self._one(accounts.c.account_id == account_id)

    def set_password(self, account_id: str, password_hash: str, now: float) -> None:
        """Replace an account's password hash."""
        with self.engine.begin() as conn:
            conn.execute(update(accounts).where(accounts.c.account_id == account_id)
                         .values(password_hash=password_hash, password_changed_at=now))

    def ping(self) -> None:
        """Raise unless the database answers."""
        ping(self.engine)
