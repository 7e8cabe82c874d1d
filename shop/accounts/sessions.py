"""Refresh tokens: issued at sign-in, each used once (rotated), revoked by sign-out and by a
password change. A token presented after it was used, by anyone, means it leaked: the whole
family (that sign-in and all its rotations) is revoked, the thief's copy and the shopper's."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update

from shop.accounts.tables import refresh_tokens
from shop.accounts.tokens import new_refresh, refresh_digest


class RefreshRefused(Exception):
    """A refresh token that cannot be used: unknown, expired, revoked or reused (`reason`)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Rotated:
    """The account a refresh token belonged to, and its successor."""

    account_id: str
    token: str


class RefreshTokens:
    """Refresh tokens in SQL, only their SHA-256 kept."""

    def __init__(self, engine: Engine, ttl_s: float):
        self.engine, self.ttl_s = engine, ttl_s

    def issue(self, account_id: str, now: float, family_id: str | None = None, conn=None) -> str:
        """A new refresh token for the account: a new family (a sign-in) or a rotation."""
        token = new_refresh()
        row = {"token_hash": refresh_digest(token), "account_id": account_id,
               "family_id": family_id or uuid.uuid4().hex, "issued_at": now,
               "expires_at": now + self.ttl_s, "used_at": None, "revoked_at": None}
        if conn is not None:
            conn.execute(insert(refresh_tokens).values(**row))
        else:
            with self.engine.begin() as own:
                own.execute(insert(refresh_tokens).values(**row))
        return token

    def rotate(self, token: str, now: float) -> Rotated:
        """Use a refresh token once: its successor in the same family; RefreshRefused else."""
        digest = refresh_digest(token)
        with self.engine.begin() as conn:
            row = conn.execute(select(refresh_tokens).where(
                refresh_tokens.c.token_hash == digest)).first()
            if row is None:
                raise RefreshRefused("unknown")
            if row.revoked_at is not None:
                raise RefreshRefused("revoked")
            if row.used_at is None and row.expires_at <= now:
                raise RefreshRefused("expired")
            if row.used_at is None and self._claim(conn, digest, now):
                return Rotated(row.account_id, self.issue(row.account_id, now, row.family_id,
                                                          conn))
            self._revoke(conn, refresh_tokens.c.family_id == row.family_id, now)
        raise RefreshRefused("reused")  # after the commit: the family stays revoked

    @staticmethod
    def _claim(conn, digest: str, now: float) -> bool:
        """Mark the token used; False when a concurrent request used it first."""
        return conn.execute(update(refresh_tokens).where(
            (refresh_tokens.c.token_hash == digest) & refresh_tokens.c.used_at.is_(None)
            & refresh_tokens.c.revoked_at.is_(None)).values(used_at=now)).rowcount == 1

    @staticmethod
    def _revoke(conn, condition, now: float) -> int:
        """Revoke every live token matching `condition`; how many."""
        return conn.execute(update(refresh_tokens).where(
            condition & refresh_tokens.c.revoked_at.is_(None)).values(revoked_at=now)).rowcount

    def revoke_account(self, account_id: str, now: float) -> int:
        """Revoke every refresh token of an account (sign-out, password change); how many."""
        with self.engine.begin() as conn:
            return self._revoke(conn, refresh_tokens.c.account_id == account_id, now)
