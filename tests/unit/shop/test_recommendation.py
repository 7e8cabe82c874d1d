"""Unit tests of the recommendation service; the catalog is faked at the client boundary."""
import pytest

import shop.recommendation
from tests.unit.shop.fakes import product
from tests.unit.shop.samples import sample

SERVICE = shop.recommendation  # the service conftest's `app` fixture builds

CATEGORIES = {
    "refractor": ["telescopes"], "dobsonian": ["telescopes"],
    "astrograph": ["telescopes", "cameras"], "maksutov": ["telescopes"], "sct": ["telescopes"],
    "tracker": ["mounts", "cameras"], "plossl": ["eyepieces"],
    "barlow": ["eyepieces", "accessories"], "atlas": ["charts"], "flashlight": ["accessories"],
}


@pytest.fixture
def answers(fake):
    """The catalog, answering GET /api/products with the products above."""
    fake.on("catalog", "GET", "/api/products",
            {"products": [product(pid, 1000, cats) for pid, cats in CATEGORIES.items()]})
    return fake


def recommended(client, ids):
    """The ids recommended for `ids`."""
    response = client.get(f"/api/recommendations?product_ids={ids}")
    assert response.status_code == 200, response.get_json()
    return [p["id"] for p in response.get_json()["recommendations"]]


@pytest.mark.parametrize("ids, expected", [
    ("refractor", ["dobsonian", "astrograph", "maksutov", "sct"]),
    ("tracker", ["astrograph", "refractor", "dobsonian", "maksutov"]),
    ("plossl", ["barlow", "refractor", "dobsonian", "astrograph"]),
    ("plossl,flashlight", ["barlow", "refractor", "dobsonian", "astrograph"]),
    ("refractor,dobsonian,maksutov,sct", ["astrograph", "tracker", "plossl", "barlow"]),
    ("astrograph", ["refractor", "dobsonian", "maksutov", "sct"]),
])
def test_recommends_shared_categories_first_then_fills(client, ids, expected):
    assert recommended(client, ids) == expected


@pytest.mark.parametrize("ids", ["refractor", "atlas,plossl", "sct,tracker,barlow"])
def test_never_recommends_the_given_products_and_is_deterministic(client, ids):
    first = recommended(client, ids)
    assert len(first) == 4 and not set(first) & set(ids.split(","))
    assert recommended(client, ids) == first


def test_unknown_ids_are_ignored_when_some_are_known(client):
    assert recommended(client, "refractor,no-such-thing") == recommended(client, "refractor")


def test_only_unknown_ids_is_a_404_naming_them(client):
    response = client.get("/api/recommendations?product_ids=comet-catcher,warp-drive")
    assert response.status_code == 404
    assert "comet-catcher" in response.get_json()["detail"]


@pytest.mark.parametrize("query", [
    "", "?product_ids=", "?product_ids=,,", "?product_ids=Bad_Id",
    "?product_ids=" + ",".join(f"p{i}" for i in range(11)), "?product_ids=" + "a" * 65,
])
def test_bad_queries_name_product_ids(client, query):
    response = client.get("/api/recommendations" + query)
    assert response.status_code == 400
    assert [e["field"] for e in response.get_json()["errors"]] == ["product_ids"]


def cache_count(result):
    """The recommendation cache counter for `result`."""
    return sample("astroshop_recommendation_cache_total", result=result)


def test_catalog_is_cached_and_hits_and_misses_are_counted(app, client, fake):
    hits, misses = cache_count("hit"), cache_count("miss")
    for ids in ("refractor", "plossl", "atlas"):
        recommended(client, ids)
    assert [(call.service, call.path) for call in fake.calls] == [("catalog", "/api/products")]
    assert (cache_count("hit") - hits, cache_count("miss") - misses) == (2, 1)


def test_cache_expires_after_its_ttl(app, client, fake):
    now = [1000.0]
    app.extensions["catalog_cache"].clock = lambda: now[0]
    recommended(client, "refractor")
    now[0] += 29.9
    recommended(client, "refractor")
    now[0] += 0.2
    recommended(client, "refractor")
    assert len(fake.calls) == 2


def test_catalog_down_is_a_503(client, fake):
    fake.down.add("catalog")
    assert client.get("/api/recommendations?product_ids=refractor").status_code == 503


def test_openapi_lists_the_public_route(client):
    assert "/api/recommendations" in client.get("/openapi.json").get_json()["paths"]
