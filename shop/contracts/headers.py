"""Header names every service agrees on, and the rules their values must follow."""
from __future__ import annotations

import re
from dataclasses import dataclass

REQUEST_ID_HEADER = "x-request-id"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# Every service's answers name its build: `catalog 0.1.0+g1a2b3c4d5e6f (1a2b3c4d5e6f)`.
BUILD_HEADER = "x-astroshop-build"
# The verified subject of a shopper's token: set by Envoy's JWT filter at the edge only after
# the token checked out, and removed from every request a client sends.
ACCOUNT_HEADER = "X-Astroshop-Account"
# RFC 9110 token characters: printable ASCII without spaces, quotes, separators or controls.
TOKEN = r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"


@dataclass(frozen=True)
class Header:
    """A request header a route requires: its name and the values it accepts."""

    name: str
    pattern: str
    max_length: int
    description: str

    def schema(self) -> dict:
        """The value's JSON schema, for the route's OpenAPI parameter."""
        return {"type": "string", "minLength": 1, "maxLength": self.max_length,
                "pattern": self.pattern}

    def problem(self, value: str) -> str | None:
        """Why `value` is refused (missing, too long, a character outside the pattern), or None."""
        if not value:
            return "missing"
        if len(value) > self.max_length:
            return f"must be at most {self.max_length} characters, got {len(value)}"
        if not re.fullmatch(self.pattern, value):
            return ("may hold only printable token characters (letters, digits and "
                    "!#$%&'*+-.^_`|~), no spaces or control characters")
        return None


IDEMPOTENCY_KEY = Header(IDEMPOTENCY_HEADER, TOKEN, 200,
                         "one key per attempt: a retry with the same key and body gets "
                         "the first answer")
