"""A route declared once: the service serves it, its OpenAPI entry and its callers read it."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from pydantic import BaseModel

from shop.contracts.headers import Header

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
JSON = "application/json"
HTML = "text/html"


@dataclass(frozen=True)
class Route:
    """One operation of one service: method, Flask path rule, bodies, query and headers."""

    service: str
    method: str
    path: str
    summary: str
    request: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    query: type[BaseModel] | None = None
    status: int = 200
    headers: tuple[Header, ...] = ()
    form: Mapping | None = None  # the JSON schema of a url-encoded form body (storefront)
    media_type: str = JSON  # of the success answer; text/html pages answer problems in HTML
    identity: str = ""  # "required" / "optional": the edge's verified account (ACCOUNT_HEADER)

    def url(self, query: Mapping[str, str | None] | None = None, **params: object) -> str:
        """The path with its parameters filled in (each quoted), then the non-empty query values."""
        path = PARAMETER.sub(lambda match: quote(str(params[match.group(1)]), safe=""),
                             self.path)
        given = {key: value for key, value in (query or {}).items() if value}
        return f"{path}?{urlencode(given, safe=',')}" if given else path

    def parameters(self) -> list[str]:
        """The names of the path's parameters, in order."""
        return PARAMETER.findall(self.path)
