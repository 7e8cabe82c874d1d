"""The accounts service's tables: accounts, refresh tokens (hashed) and sign-in failures."""
from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, String, Table

metadata = MetaData()
accounts = Table(
    "accounts", metadata,
    Column("account_id", String(32), primary_key=True),
    Column("email", String(254), nullable=False, unique=True),  # lowercased
    Column("password_hash", String(255), nullable=False),  # argon2id PHC string
    Column("created_at", String(40), nullable=False),
    Column("password_changed_at", Float, nullable=False),
)
# Every refresh token ever issued, by the SHA-256 of the token (never the token itself). A
# family is one sign-in and its rotations: a token used twice revokes the whole family.
refresh_tokens = Table(
    "account_refresh_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account_id", String(32), ForeignKey("accounts.account_id"), nullable=False,
           index=True),
    Column("family_id", String(32), nullable=False, index=True),
    Column("issued_at", Float, nullable=False),
    Column("expires_at", Float, nullable=False),
    Column("used_at", Float),
    Column("revoked_at", Float),
)
# Failed sign-ins per address, registered or not (keyed by an HMAC of the address, so the
# table names no one): enough of them in a window lock the address briefly.
signin_failures = Table(
    "account_signin_failures", metadata,
    Column("subject", String(64), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("window_start", Float, nullable=False),
    Column("locked_until", Float, nullable=False),
)
