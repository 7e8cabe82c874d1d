"""JSON bodies serialised once, for data that does not change while the process runs.

A Prepared body holds the exact bytes `respond()` would send (Flask's compact JSON and its
trailing newline) and a strong validator of them: the sha256 of the bytes, unquoted, as
werkzeug's `Response.set_etag` takes it, for conditional requests and caches to use.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import lru_cache

from flask import Response, current_app
from pydantic import BaseModel

JSON = "application/json"


@dataclass(frozen=True)
class Prepared:
    """A response body serialised once, and its strong ETag."""

    body: bytes
    etag: str

    @classmethod
    def of(cls, model: BaseModel) -> Prepared:
        """Serialise `model` as respond() does, and hash the bytes."""
        text = json.dumps(model.model_dump(mode="json"), separators=(",", ":"))
        body = (text + "\n").encode()
        return cls(body, hashlib.sha256(body).hexdigest())

    def response(self, status: int = 200) -> Response:
        """A JSON response carrying the prepared bytes and their strong ETag."""
        response = current_app.response_class(self.body, status=status, mimetype=JSON)
        response.set_etag(self.etag)
        return response


def memo(build: Callable[..., BaseModel], size: int = 256) -> Callable[..., Prepared]:
    """`build`'s answers prepared once per distinct argument tuple (the `size` latest kept)."""

    @lru_cache(maxsize=size)
    def prepared(*args: Hashable) -> Prepared:
        return Prepared.of(build(*args))

    return prepared
