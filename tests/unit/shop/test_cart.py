"""Unit tests of the cart service, on its SQL store and on a real Redis when one is installed."""
import shutil

import pytest
import redis

import shop.cart
from shop.cart import create_app
from shop.common.config import ConfigError
from tests.support.servers import redis_server
from tests.unit.shop.fakes import FakeServices, catalog
from tests.unit.shop.samples import sample

SERVICE = shop.cart  # the service conftest's `app` fixture builds

PRODUCTS = {"apo-refractor-80": 89900, "red-dot-finder": 2999}
CART = "/api/carts/c1"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A throwaway redis-server for the session, when the binary is installed."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(params=["sql", pytest.param("redis", marks=pytest.mark.redis)])
def settings(request, settings):
    """Every test runs on the SQL store, and again on an empty Redis."""
    if request.param == "redis":
        settings["REDIS_URL"] = request.getfixturevalue("redis_url")
        redis.Redis.from_url(settings["REDIS_URL"]).flushdb()
    return settings


@pytest.fixture
def answers(fake):
    """The catalog knows the products above."""
    catalog(fake, PRODUCTS)
    return fake


def units_added() -> float:
    """Units added to carts so far."""
    return sample("astroshop_cart_items_added_total")


def add(client, product_id="apo-refractor-80", quantity=1, cart=CART):
    return client.post(f"{cart}/items", json={"product_id": product_id, "quantity": quantity})


def fields(response):
    return [e["field"] for e in response.get_json().get("errors", [])]


def test_unknown_cart_is_empty(client):
    response = client.get("/api/carts/never-seen")
    assert response.status_code == 200
    assert response.get_json() == {"cart_id": "never-seen", "items": []}


def test_adding_accumulates_on_the_line_and_counts_units(client):
    before = units_added()
    assert add(client, quantity=2).status_code == 201
    response = add(client, quantity=3)
    assert response.get_json()["items"] == [{"product_id": "apo-refractor-80", "quantity": 5}]
    assert units_added() == before + 5


def test_set_remove_and_clear(client):
    add(client)
    add(client, "red-dot-finder")
    response = client.put(f"{CART}/items/red-dot-finder", json={"quantity": 7})
    assert {"product_id": "red-dot-finder", "quantity": 7} in response.get_json()["items"]
    response = client.delete(f"{CART}/items/apo-refractor-80")
    assert response.get_json()["items"] == [{"product_id": "red-dot-finder", "quantity": 7}]
    assert client.delete(CART).get_json()["items"] == []
    assert client.get(CART).get_json()["items"] == []


def test_carts_are_separate(client):
    add(client, cart="/api/carts/a")
    assert client.get("/api/carts/b").get_json()["items"] == []


@pytest.mark.parametrize("body, field", [
    ({"product_id": "apo-refractor-80", "quantity": "2"}, "quantity"),
    ({"product_id": "apo-refractor-80", "quantity": 2.5}, "quantity"),
    ({"product_id": "apo-refractor-80", "quantity": True}, "quantity"),
    ({"product_id": "apo-refractor-80", "quantity": 0}, "quantity"),
    ({"product_id": "apo-refractor-80", "quantity": 100}, "quantity"),
    ({"product_id": "apo-refractor-80", "quantity": 10**30}, "quantity"),
    ({"product_id": "apo-refractor-80"}, "quantity"),
    ({"quantity": 1}, "product_id"),
    ({"product_id": "'; DROP TABLE cart_items;--", "quantity": 1}, "product_id"),
    ({"product_id": "apo-refractor-80", "quantity": 1, "price": 1}, "price"),
])
def test_bad_additions_name_the_field_and_write_nothing(client, body, field):
    response = client.post(f"{CART}/items", json=body)
    assert response.status_code == 422
    assert field in fields(response)
    assert client.get(CART).get_json()["items"] == []


def test_unknown_product_is_refused_naming_product_id(client):
    response = add(client, "no-such-scope")
    assert response.status_code == 422
    assert fields(response) == ["product_id"]
    assert client.get(CART).get_json()["items"] == []


@pytest.mark.parametrize("first, second", [(99, 1), (50, 50), (1, 99)])
def test_line_total_above_99_is_refused_and_line_unchanged(client, first, second):
    add(client, quantity=first)
    response = add(client, quantity=second)
    assert response.status_code == 422
    assert fields(response) == ["quantity"]
    assert client.get(CART).get_json()["items"][0]["quantity"] == first


@pytest.mark.parametrize("quantity", [0, 100, "3", 1.0, None])
def test_bad_set_quantity_is_refused(client, quantity):
    add(client, quantity=4)
    response = client.put(f"{CART}/items/apo-refractor-80", json={"quantity": quantity})
    assert response.status_code == 422
    assert client.get(CART).get_json()["items"][0]["quantity"] == 4


def test_set_on_unknown_product_is_refused(client):
    response = client.put(f"{CART}/items/no-such-scope", json={"quantity": 1})
    assert response.status_code == 422
    assert client.get(CART).get_json()["items"] == []


@pytest.mark.parametrize("path", [
    "/api/carts/" + "x" * 65, "/api/carts/bad.id", "/api/carts/%C3%A9t%C3%A9",
    "/api/carts/bad%20id/items/red-dot-finder",
])
def test_bad_cart_ids_are_refused(client, path):
    response = client.get(path) if "items" not in path else client.delete(path)
    assert response.status_code == 400
    assert fields(response) == ["cart_id"]


def test_at_most_50_lines(client, fake):
    catalog(fake, {f"p-{i}": 100 for i in range(51)})
    for i in range(50):
        assert add(client, f"p-{i}").status_code == 201
    response = add(client, "p-50")
    assert response.status_code == 422
    assert fields(response) == ["product_id"]
    assert add(client, "p-0").status_code == 201
    assert len(client.get(CART).get_json()["items"]) == 50


def test_readiness_pings_the_store(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json()["failures"] == {}


def test_openapi_lists_the_public_routes(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    assert set(paths["/api/carts/{cart_id}"]) == {"get", "delete"}
    assert "post" in paths["/api/carts/{cart_id}/items"]
    assert set(paths["/api/carts/{cart_id}/items/{product_id}"]) == {"put", "delete"}


@pytest.mark.redis
def test_redis_carts_expire_when_idle(redis_url, tmp_path):
    app = create_app({"TESTING": True, "REDIS_URL": redis_url, "CART_TTL_S": "3600"})
    catalog(FakeServices().install(app), PRODUCTS)
    add(app.test_client(), cart="/api/carts/idle")
    assert 3500 < redis.Redis.from_url(redis_url).ttl("astroshop:cart:idle") <= 3600


@pytest.mark.parametrize("ttl", ["0", "-5", "three days"])
def test_a_bad_cart_ttl_fails_at_start(ttl):
    with pytest.raises(ConfigError, match="ASTROSHOP_CART_TTL_S"):
        create_app({"TESTING": True, "REDIS_URL": "redis://127.0.0.1:1/0", "CART_TTL_S": ttl})
