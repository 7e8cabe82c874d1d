"""The app factory every service builds on: config, errors, logs, metrics, health, client."""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from flask import Blueprint, Flask, current_app

from shop.common import build, caching, errors, health, logs, metrics
from shop.common.api import ApiBlueprint
from shop.common.client import ServiceClient
from shop.common.config import as_float, load
from shop.common.openapi import OpenApi
from shop.contracts.headers import BUILD_HEADER


def create_service_app(service: str, *, defaults: Mapping[str, str] | None = None,
                       required: tuple[str, ...] = (), test_config: Mapping | None = None,
                       blueprints: Iterable[Blueprint] = (), description: str = "") -> Flask:
    """Build a service's Flask app: defaults, then ASTROSHOP_* environment, then test_config.

    Its /openapi.json documents every route its ApiBlueprints serve, from the same declaration.
    """
    config = load(defaults or {}, required, overrides=test_config)
    app = Flask(f"shop.{service}")
    app.config.update(config)
    app.config["SERVICE"] = service
    app.json.sort_keys = False
    running = app.extensions["astroshop_build"] = build.current(app.config)
    errors.init_app(app)
    logs.init_app(app, service)
    metrics.init_app(app, service, running)
    app.after_request(lambda response: name_build(response, f"{service} {running.shown()}"))
    health.init_app(app)
    caching.init_app(app)
    app.extensions["astroshop_client"] = ServiceClient(
        str(app.config["MESH_URL"]), as_float(app.config, "CLIENT_TIMEOUT_S"), service)
    openapi = OpenApi(f"AstroShop {service}", description)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
        if isinstance(blueprint, ApiBlueprint):
            for route, operation_id in blueprint.routes:
                openapi.add(route, operation_id)
    app.register_blueprint(openapi.blueprint())
    return app


def name_build(response, text: str):
    """Name the build that answered in a response header (the storefront footer lists them)."""
    response.headers[BUILD_HEADER] = text
    return response


def client() -> ServiceClient:
    """The current app's service client."""
    return current_app.extensions["astroshop_client"]
