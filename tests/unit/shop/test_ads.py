"""Unit tests of the ads service."""
import json

import pytest

import shop.ads
from shop.ads import DEFAULT_ADS, create_app
from shop.ads.inventory import AdDataError
from shop.catalog import DEFAULT_DATA_DIR

SERVICE = shop.ads  # the service conftest's `app` fixture builds

ADS = json.loads(open(DEFAULT_ADS, encoding="utf-8").read())["ads"]
CATALOG = json.loads(open(f"{DEFAULT_DATA_DIR}/products.json", encoding="utf-8").read())
CATEGORIES = [c["id"] for c in CATALOG["categories"]]


def ads_for(client, categories):
    """The ads served for a categories parameter."""
    response = client.get("/api/ads", query_string={"categories": categories})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["ads"]


def test_data_file_invariants():
    assert len(ADS) >= 12 and len({ad["id"] for ad in ADS}) == len(ADS)
    products = {p["id"] for p in CATALOG["products"]}
    for ad in ADS:
        assert ad["category"] in CATEGORIES and ad["text"].strip()
        kind, _, target = ad["redirect_url"].lstrip("/").partition("/")
        if kind == "product":
            assert target in products, ad
        else:
            assert ad["redirect_url"] == f"/?category={ad['category']}", ad


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_gets_two_matching_ads(client, category):
    ads = ads_for(client, category)
    assert len(ads) == 2 and {ad["category"] for ad in ads} == {category}


@pytest.mark.parametrize("categories", ["filters,cameras", "mounts,eyepieces,binoculars"])
def test_ads_match_one_of_several_categories(client, categories):
    ads = ads_for(client, categories)
    assert len(ads) == 2 and all(ad["category"] in categories.split(",") for ad in ads)


@pytest.mark.parametrize("categories, same", [
    ("filters,cameras", "cameras,filters"),
    ("telescopes", " telescopes ,"),
    ("comets,warp-drives", "warp-drives,comets"),
    ("", ""),
])
def test_the_same_categories_give_the_same_ads(client, settings, categories, same):
    assert ads_for(client, categories) == ads_for(client, same)
    assert ads_for(create_app(settings).test_client(), same) == ads_for(client, categories)


@pytest.mark.parametrize("categories", ["", "comets", "planets,meteors"])
def test_no_match_gives_two_random_ads_from_the_inventory(client, categories):
    ads = ads_for(client, categories)
    assert len(ads) == 2 and len({ad["id"] for ad in ads}) == 2
    assert all(ad in ADS for ad in ads)


def test_different_unmatched_contexts_vary(client):
    picks = {tuple(ad["id"] for ad in ads_for(client, f"topic-{i}")) for i in range(10)}
    assert len(picks) > 1


@pytest.mark.parametrize("query", [
    "?categories=" + ",".join(f"c{i}" for i in range(11)),
    "?categories=Telescopes", "?categories=tele%20scopes", "?categories=" + "a" * 65,
    "?categories=" + "a," * 400,
])
def test_bad_queries_name_categories(client, query):
    response = client.get("/api/ads" + query)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert [e["field"] for e in response.get_json()["errors"]] == ["categories"]


@pytest.mark.parametrize("content, message", [
    ('{"ads": [{"id": "x"}]}', "ads"),
    ("not json", "not valid JSON"),
    (json.dumps({"ads": ADS[:2] + [dict(ADS[2], redirect_url="https://evil.example/")]}),
     "redirect_url"),
    (json.dumps({"ads": [ADS[0], ADS[0]]}), "not unique"),
])
def test_broken_ads_file_fails_fast(tmp_path, settings, content, message):
    path = tmp_path / "ads.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AdDataError, match=message):
        create_app({**settings, "ADS_FILE": str(path)})


def test_openapi_lists_the_public_route(client):
    assert "/api/ads" in client.get("/openapi.json").get_json()["paths"]
