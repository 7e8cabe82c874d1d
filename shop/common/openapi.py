"""The OpenAPI 3.1 document of one service, built from the routes its blueprints serve.

The routes are noted when the app is built and documented at the first request for the
document: generating the JSON schemas costs a service about 0.15 s of CPU, which a cold start
of the whole stack would otherwise pay ten times over.
"""
from __future__ import annotations

import threading
from typing import Any

from flask import Blueprint, jsonify
from pydantic import BaseModel

from shop.common.errors import PROBLEM_JSON
from shop.contracts.headers import ACCOUNT_HEADER
from shop.contracts.route import JSON, PARAMETER, Route

FORM = "application/x-www-form-urlencoded"
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["title", "status", "detail"],
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"},
        "status": {"type": "integer"}, "detail": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string"}, "reason": {"type": "string"}}}},
    },
}
# What a signed-in route reads: the account the edge verified. Public clients send an access
# token (Authorization: Bearer, from POST /api/account/signin); Envoy checks it, removes
# any ACCOUNT_HEADER a client sent, and passes the token's subject in ACCOUNT_HEADER.
EDGE_ACCOUNT = {"type": "apiKey", "in": "header", "name": ACCOUNT_HEADER,
                "description": "the account the edge verified from `Authorization: Bearer "
                               "<access token>` (clients never set this header themselves)"}


class OpenApi:
    """Collects the operations of one service and renders its OpenAPI 3.1 document."""

    def __init__(self, title: str, description: str, version: str = "1.0.0"):
        self.title, self.description, self.version = title, description, version
        self.paths: dict[str, dict] = {}
        self.schemas: dict[str, dict] = {}
        self.security: dict[str, dict] = {}
        self.pending: list[tuple[Route, str]] = []
        self.lock = threading.Lock()

    def _ref(self, model: type[BaseModel]) -> dict:
        """A reference to `model`'s schema, which (with its sub-schemas) joins the components."""
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in schema.pop("$defs", {}).items():
            self.schemas[name] = sub
        self.schemas[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    def parameters(self, route: Route) -> list[dict]:
        """The route's path, header and query parameters."""
        params: list[dict[str, Any]] = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in route.parameters()]
        params += [{"name": header.name, "in": "header", "required": True,
                    "description": header.description, "schema": header.schema()}
                   for header in route.headers]
        if route.query is not None:
            schema = route.query.model_json_schema()
            required = set(schema.get("required", []))
            params += [{"name": name, "in": "query", "required": name in required,
                        "schema": sub} for name, sub in schema.get("properties", {}).items()]
        return params

    def add(self, route: Route, operation_id: str) -> None:
        """Note one route, to be documented with the others when the document is first read."""
        self.pending.append((route, operation_id))

    def _document(self, route: Route, operation_id: str) -> None:
        """Document one route; HTML pages answer their problems in HTML too."""
        op: dict[str, Any] = {"summary": route.summary, "operationId": operation_id,
                              "parameters": self.parameters(route), "responses": {}}
        if route.request is not None:
            op["requestBody"] = {"required": True, "content": {
                JSON: {"schema": self._ref(route.request)}}}
        if route.form is not None:
            op["requestBody"] = {"required": True, "content": {FORM: {"schema": route.form}}}
        ok: dict[str, Any] = {"description": "success"}
        if route.response is not None:
            ok["content"] = {route.media_type: {"schema": self._ref(route.response)}}
        elif route.media_type != JSON:
            ok["content"] = {route.media_type: {"schema": {"type": "string"}}}
        op["responses"][str(route.status)] = ok
        problem = (PROBLEM_JSON, PROBLEM_SCHEMA) if route.media_type == JSON else \
            (route.media_type, {"type": "string"})
        op["responses"]["4XX"] = {"description": "a problem the client can fix",
                                  "content": {problem[0]: {"schema": problem[1]}}}
        if route.identity:
            self.security["edge_account"] = EDGE_ACCOUNT
            op["security"] = [{"edge_account": []}] + ([{}] if route.identity == "optional"
                                                        else [])
        oas_path = PARAMETER.sub(r"{\1}", route.path)
        self.paths.setdefault(oas_path, {})[route.method.lower()] = op

    def document(self) -> dict:
        """The OpenAPI 3.1 document (the noted routes documented on the first call)."""
        with self.lock:
            while self.pending:
                self._document(*self.pending.pop(0))
        return {"openapi": "3.1.0",
                "info": {"title": self.title, "description": self.description,
                         "version": self.version},
                "paths": self.paths, "components": {
                    "schemas": self.schemas,
                    **({"securitySchemes": self.security} if self.security else {})}}

    def blueprint(self) -> Blueprint:
        """A blueprint serving the document at /openapi.json."""
        bp = Blueprint("openapi", __name__)
        bp.add_url_rule("/openapi.json", "openapi", lambda: jsonify(self.document()))
        return bp
