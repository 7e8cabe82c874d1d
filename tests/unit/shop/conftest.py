"""The shop's unit-test fixtures: one service's app on a temporary database, and its client.

A test module names the service it tests in SERVICE (the package, e.g. `shop.catalog`). It
may override `settings` (the app's test config) or `answers` (what the faked services it
calls answer, on the shared `fake`). Reusable helpers live in modules beside this file
(fakes, frontend_fakes, samples), never here.
"""
import pytest

from tests.unit.shop.accounts_support import key_file
from tests.unit.shop.fakes import FakeServices


@pytest.fixture
def settings(tmp_path) -> dict:
    """The test config every service accepts: a temporary database, a secret and a signing
    key set (the accounts service's)."""
    return {"TESTING": True, "SECRET_KEY": "test-secret",
            "DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "SIGNING_KEYS": str(key_file(tmp_path))}


@pytest.fixture
def fake() -> FakeServices:
    """The services the one under test calls, faked at the client boundary."""
    return FakeServices()


@pytest.fixture
def answers(fake) -> FakeServices:
    """What the faked services answer: nothing unless the module says otherwise."""
    return fake


@pytest.fixture
def app(request, settings, answers):
    """The module's SERVICE built on `settings`, calling `answers` instead of the mesh."""
    app = request.module.SERVICE.create_app(settings)
    answers.install(app)
    return app


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()
