"""Helpers for the accounts tests: a key set on disk, the verified-account header, an account."""
from __future__ import annotations

from pathlib import Path

from harness.signing import keyset
from shop.contracts.headers import ACCOUNT_HEADER

PASSWORD = "a quiet night under dark skies"


def key_file(root: Path) -> Path:
    """A fresh key set of one active key under `root`; its path."""
    path = root / "keys" / "keyset.json"
    keyset.ensure(path)
    return path


def as_account(account_id: str) -> dict[str, str]:
    """The header Envoy sets once it verified a token of `account_id`."""
    return {ACCOUNT_HEADER: account_id}


def signed_up(client, email: str = "vera@example.com", password: str = PASSWORD) -> dict:
    """Sign up and sign in; the token pair and the account id (the token's subject)."""
    assert client.post("/api/account/signup", json={"email": email, "password": password}
                       ).status_code == 201
    pair = client.post("/api/account/signin", json={"email": email, "password": password}).json
    account_id = client.application.extensions["accounts"].store.by_email(email).account_id
    return {**pair, "account_id": account_id}
