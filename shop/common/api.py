"""Request validation with pydantic, and the OpenAPI 3 document built from the same models."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, jsonify, request
from pydantic import BaseModel, ValidationError

from shop.common.errors import PROBLEM_JSON, ApiError

JSON_TYPES = ("application/json",)
FORM = "application/x-www-form-urlencoded"


def _field_errors(exc: ValidationError, where: str) -> list[dict]:
    """Pydantic's errors as [{"field", "reason"}] with dotted field paths."""
    errors = []
    for err in exc.errors(include_url=False):
        path = ".".join(str(part) for part in err["loc"]) or where
        errors.append({"field": path, "reason": err["msg"], "in": where})
    return errors


def parse_body(model: type[BaseModel]) -> Any:
    """Validate the JSON body against `model`, or raise a 4xx naming the bad field."""
    if request.mimetype not in JSON_TYPES:
        raise ApiError("the request body must be JSON (Content-Type: application/json)",
                       [{"field": "Content-Type", "reason": f"got {request.mimetype or 'none'}"}],
                       status=415)
    data = request.get_json(silent=True)
    if data is None:
        raise ApiError("the request body is not valid JSON",
                       [{"field": "body", "reason": "malformed JSON"}])
    if not isinstance(data, dict):
        raise ApiError("the request body must be a JSON object",
                       [{"field": "body", "reason": f"got a JSON {type(data).__name__}"}])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ApiError("the request body is invalid", _field_errors(exc, "body"),
                       status=422) from exc


def parse_query(model: type[BaseModel]) -> Any:
    """Validate the query string against `model`, or raise a 400 naming the bad parameter."""
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as exc:
        raise ApiError("the query string is invalid", _field_errors(exc, "query")) from exc


def respond(model: BaseModel, status: int = 200):
    """Serialise a response model as JSON with the given status."""
    response = jsonify(model.model_dump(mode="json"))
    response.status_code = status
    return response


class OpenApi:
    """Collects the operations of one service and renders its OpenAPI 3.1 document."""

    def __init__(self, title: str, description: str, version: str = "1.0.0"):
        self.title, self.description, self.version = title, description, version
        self.paths: dict[str, dict] = {}
        self.schemas: dict[str, dict] = {}

    def _ref(self, model: type[BaseModel]) -> dict:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in schema.pop("$defs", {}).items():
            self.schemas[name] = sub
        self.schemas[model.__name__] = schema
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    def operation(self, path: str, method: str, summary: str, *,
                  request_model: type[BaseModel] | None = None,
                  response_model: type[BaseModel] | None = None, status: int = 200,
                  query_model: type[BaseModel] | None = None,
                  headers: tuple[str, ...] = (), form_schema: dict | None = None,
                  media_type: str = "application/json") -> Callable:
        """Decorator recording one operation; the view itself is returned unchanged.

        `form_schema` documents a url-encoded form body; `media_type` the success answer's
        type (text/html for storefront pages, whose errors are HTML pages too).
        """
        oas_path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)

        def register(view: Callable) -> Callable:
            op: dict[str, Any] = {"summary": summary, "operationId": view.__name__,
                                  "parameters": [], "responses": {}}
            for name in re.findall(r"{(\w+)}", oas_path):
                op["parameters"].append({"name": name, "in": "path", "required": True,
                                         "schema": {"type": "string"}})
            for name in headers:
                op["parameters"].append({"name": name, "in": "header", "required": True,
                                         "schema": {"type": "string", "minLength": 1,
                                                    "maxLength": 200}})
            if query_model is not None:
                props = query_model.model_json_schema().get("properties", {})
                required = set(query_model.model_json_schema().get("required", []))
                for name, schema in props.items():
                    op["parameters"].append({"name": name, "in": "query",
                                             "required": name in required, "schema": schema})
            if request_model is not None:
                op["requestBody"] = {"required": True, "content": {
                    "application/json": {"schema": self._ref(request_model)}}}
            if form_schema is not None:
                op["requestBody"] = {"required": True, "content": {
                    FORM: {"schema": form_schema}}}
            ok: dict[str, Any] = {"description": "success"}
            if response_model is not None:
                ok["content"] = {media_type: {"schema": self._ref(response_model)}}
            elif media_type != "application/json":
                ok["content"] = {media_type: {"schema": {"type": "string"}}}
            op["responses"][str(status)] = ok
            problem_type = PROBLEM_JSON if media_type == "application/json" else media_type
            problem_schema = PROBLEM_SCHEMA if problem_type == PROBLEM_JSON else {"type": "string"}
            op["responses"]["4XX"] = {"description": "a problem the client can fix",
                                      "content": {problem_type: {"schema": problem_schema}}}
            self.paths.setdefault(oas_path, {})[method.lower()] = op
            return view

        return register

    def document(self) -> dict:
        """The OpenAPI 3.1 document."""
        return {"openapi": "3.1.0",
                "info": {"title": self.title, "description": self.description,
                         "version": self.version},
                "paths": self.paths, "components": {"schemas": self.schemas}}

    def blueprint(self) -> Blueprint:
        """A blueprint serving the document at /openapi.json."""
        bp = Blueprint("openapi", __name__)
        bp.add_url_rule("/openapi.json", "openapi", lambda: jsonify(self.document()))
        return bp


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
