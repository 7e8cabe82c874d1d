"""The contracts: services import only shop.common and shop.contracts, and every route a
service serves is one contract Route, served and documented from that one declaration."""
import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import shop
import shop.contracts
from harness.model.services import SERVICES as MODEL_SERVICES
from shop.contracts.route import Route

SHOP = Path(shop.__file__).parent
SHARED = {"common", "contracts"}
SERVICES = sorted(p.name for p in SHOP.iterdir()
                  if (p / "__init__.py").exists() and p.name not in SHARED)
# Served by every app, documented nowhere: probes, metrics, the document itself.
INFRASTRUCTURE = {"/healthz", "/readyz", "/metrics", "/openapi.json", "/favicon.ico",
                  "/static/<path:filename>"}


def shop_imports(package: str) -> set[str]:
    """The shop packages (`common`, `catalog`, ...) that modules of `package` import."""
    found = set()
    for path in (SHOP / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found |= {name.split(".")[1] for name in names
                      if name.startswith("shop.") and name.count(".") >= 1}
    return found


def routes_in(module_name: str) -> list[Route]:
    """The Routes a module declares at its top level."""
    return [value for value in vars(importlib.import_module(module_name)).values()
            if isinstance(value, Route)]


def declared(service: str) -> list[Route]:
    """The service's routes: in shop.contracts (others call them) or its own routes module."""
    routes = [route for info in pkgutil.iter_modules(shop.contracts.__path__)
              for route in routes_in(f"shop.contracts.{info.name}") if route.service == service]
    if (SHOP / service / "routes.py").exists():
        routes += routes_in(f"shop.{service}.routes")
    return routes


def served(app) -> set[tuple[str, str]]:
    """(method, rule) of every route the app serves, but the infrastructure's."""
    return {(method, rule.rule) for rule in app.url_map.iter_rules()
            if rule.rule not in INFRASTRUCTURE
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def test_the_service_packages_are_the_models_services():
    assert SERVICES == sorted(service.name for service in MODEL_SERVICES)


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_imports_no_other_service(service):
    assert shop_imports(service) <= SHARED | {service}


def test_the_shared_packages_import_no_service():
    assert shop_imports("common") <= SHARED
    assert shop_imports("contracts") == {"contracts"}


def test_contracts_need_no_flask():
    for path in (SHOP / "contracts").glob("*.py"):
        assert "flask" not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_is_one_declaration_served_and_documented(settings, service):
    app = importlib.import_module(f"shop.{service}").create_app(settings)
    routes = declared(service)
    assert routes and {route.service for route in routes} == {service}
    assert served(app) == {(route.method, route.path) for route in routes}
    paths = app.test_client().get("/openapi.json").get_json()["paths"]
    documented = {(method.upper(), path) for path, ops in paths.items() for method in ops}
    assert documented == {(route.method, route.path.replace("<", "{").replace(">", "}"))
                          for route in routes}


def test_a_routes_url_quotes_its_parameters_and_drops_empty_query_values():
    route = Route("cart", "PUT", "/api/carts/<cart_id>/items/<product_id>", "set")
    assert route.url(cart_id="c 1/..", product_id="sct-8") == "/api/carts/c%201%2F../items/sct-8"
    listing = Route("ads", "GET", "/api/ads", "ads")
    assert listing.url({"categories": "a,b", "q": None, "x": ""}) == "/api/ads?categories=a,b"
    with pytest.raises(KeyError):
        route.url(cart_id="c1")
