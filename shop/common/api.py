"""Routes served from their contract declaration, and requests checked against its models."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, jsonify, request
from pydantic import BaseModel, ValidationError

from shop.common.errors import ApiError
from shop.contracts.headers import Header
from shop.contracts.route import Route

JSON_TYPES = ("application/json",)


class ApiBlueprint(Blueprint):
    """A blueprint whose views are served at contract Routes, kept for the OpenAPI document."""

    def __init__(self, name: str, import_name: str):
        super().__init__(name, import_name)
        self.routes: list[tuple[Route, str]] = []

    def serve(self, route: Route) -> Callable:
        """Decorator: serve the view at `route`'s method and path, and document it from there."""

        def register(view: Callable) -> Callable:
            self.add_url_rule(route.path, view.__name__, view, methods=[route.method])
            self.routes.append((route, view.__name__))
            return view

        return register


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


def parse_header(header: Header) -> str:
    """The request's value of `header`, or a 400 naming the header and what is wrong with it."""
    value = request.headers.get(header.name, "")
    reason = header.problem(value)
    if reason is not None:
        raise ApiError(f"the {header.name} header is required: 1 to {header.max_length} "
                       "printable token characters",
                       [{"field": header.name, "reason": reason, "in": "header"}])
    return value
