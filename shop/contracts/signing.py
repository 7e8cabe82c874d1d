"""The signing key set: the file the harness writes (0600) and the accounts service reads.

Keys go through three states during a rotation: `next` (published in the JWKS so the edge
learns it, not yet signing), `active` (signs every new token; exactly one), then `retiring`
(published until `retire_at`, when the last token it signed has expired, then dropped).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

KEYSET_FILE = "keyset.json"
State = Literal["next", "active", "retiring"]


class SigningKey(BaseModel):
    """One EC P-256 private key in PEM, its key id and where it stands in a rotation."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kid: str
    private_key_pem: str
    created_at: float
    state: State
    retire_at: float | None = None

    def published(self, now: float) -> bool:
        """Whether the JWKS lists this key at `now`."""
        return self.state != "retiring" or (self.retire_at or 0) > now


class KeySet(BaseModel):
    """Every key of a deployment; exactly one is active."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    keys: tuple[SigningKey, ...]

    @model_validator(mode="after")
    def _one_active(self) -> KeySet:
        """Refuse a key set without exactly one active key, or with a key id twice."""
        active = [key for key in self.keys if key.state == "active"]
        if len(active) != 1:
            raise ValueError(f"a key set needs exactly one active key, found {len(active)}")
        if len({key.kid for key in self.keys}) != len(self.keys):
            raise ValueError("a key id appears twice in the key set")
        return self

    def active(self) -> SigningKey:
        """The key that signs new tokens."""
        return next(key for key in self.keys if key.state == "active")

    def published(self, now: float) -> list[SigningKey]:
        """The keys the JWKS lists at `now`: next, active, and retiring ones still in use."""
        return [key for key in self.keys if key.published(now)]
