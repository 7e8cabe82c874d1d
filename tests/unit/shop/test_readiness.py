"""Readiness is a process's own ability to serve (its store), never its dependencies'."""
import importlib

import pytest

from harness.model.services import SERVICES as MODEL_SERVICES
from tests.unit.shop.fakes import FakeServices
from tests.unit.shop.frontend_fakes import storefront

SERVICES = [service.name for service in MODEL_SERVICES]


@pytest.mark.parametrize("service", SERVICES)
def test_a_service_stays_ready_with_every_dependency_down(monkeypatch, settings, service):
    monkeypatch.setenv("ASTROSHOP_MESH_URL", "http://127.0.0.1:1")
    app = importlib.import_module(f"shop.{service}").create_app(settings)
    fake = FakeServices(down=set(SERVICES)).install(app)
    response = app.test_client().get("/readyz")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["failures"] == {}
    assert fake.calls == []


def test_the_storefront_stays_ready_and_shows_a_friendly_page_while_the_catalog_is_down(
        settings):
    app = importlib.import_module("shop.frontend").create_app(settings)
    fake = storefront(FakeServices()).install(app)
    fake.down.add("catalog")
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 503 and "Our catalog is taking a short break" in page.text
    assert client.get("/readyz").status_code == 200


def test_a_store_that_does_not_answer_makes_the_service_unready(settings):
    cart = importlib.import_module("shop.cart")
    app = cart.create_app({**settings, "REDIS_URL": "redis://127.0.0.1:1/0"})
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["status"] == "unready" and list(body["failures"]) == ["store"]
    assert "127.0.0.1:1" in body["failures"]["store"]
