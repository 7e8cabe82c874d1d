"""Unit tests of the catalog service."""
import hashlib
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from flask import jsonify

import shop.catalog
from shop.catalog import DEFAULT_DATA_DIR, create_app
from shop.catalog.products import CatalogDataError
from shop.contracts.catalog import ProductList

SERVICE = shop.catalog  # the service conftest's `app` fixture builds

DATA = Path(DEFAULT_DATA_DIR)
RAW = json.loads((DATA / "products.json").read_text(encoding="utf-8"))
IDS = [p["id"] for p in RAW["products"]]
SVG = "{http://www.w3.org/2000/svg}svg"


def test_data_file_invariants():
    assert len(IDS) >= 24 and len(set(IDS)) == len(IDS)
    categories = {c["id"] for c in RAW["categories"]}
    assert len(categories) >= 6
    for product in RAW["products"]:
        assert product["description"].strip() and product["name"].strip()
        assert type(product["price_usd_minor"]) is int and product["price_usd_minor"] > 0
        assert set(product["categories"]) <= categories


@pytest.mark.parametrize("product_id", IDS)
def test_every_product_has_an_svg_image(client, product_id):
    root = ET.fromstring((DATA / "images" / f"{product_id}.svg").read_bytes())
    assert root.tag == SVG and root.get("viewBox") == "0 0 200 200"
    response = client.get(f"/api/products/{product_id}/image")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "public" in response.headers["Cache-Control"]
    assert "max-age=86400" in response.headers["Cache-Control"]


def test_lists_every_product_with_usd_price_and_image_url(client):
    products = client.get("/api/products").get_json()["products"]
    assert [p["id"] for p in products] == IDS
    first = products[0]
    assert first["price"]["currency"] == "USD" and first["price"]["amount_minor"] > 0
    assert first["image_url"] == f"/api/products/{first['id']}/image"


@pytest.mark.parametrize("q, expected", [
    ("dobsonian", "dobsonian-8"), ("DOBSONIAN", "dobsonian-8"), ("OIII", "filter-oiii"),
    ("sunspots", "solar-filter-80"), ("charts & books", "moon-map"),
    ("charts-and-books", "messier-guide"), ("  plössl ", "plossl-25"),
])
def test_search_is_case_insensitive_over_text_and_categories(client, q, expected):
    products = client.get("/api/products", query_string={"q": q}).get_json()["products"]
    assert expected in [p["id"] for p in products]


def test_search_without_match_is_an_empty_list(client):
    assert client.get("/api/products?q=warp-drive").get_json() == {"products": []}


@pytest.mark.parametrize("category", [c["id"] for c in RAW["categories"]])
def test_category_filter_and_counts_agree(client, category):
    products = client.get(f"/api/products?category={category}").get_json()["products"]
    assert products and all(category in p["categories"] for p in products)
    counts = {c["id"]: c["product_count"] for c in client.get("/api/categories").get_json()[
        "categories"]}
    assert counts[category] == len(products)


def test_category_and_search_combine(client):
    products = client.get("/api/products?category=filters&q=nebula").get_json()["products"]
    assert {p["id"] for p in products} == {"filter-uhc", "filter-oiii"}


@pytest.mark.parametrize("url, status, field", [
    ("/api/products?category=planets", 400, "category"),
    ("/api/products?category=Tele%20scopes", 400, "category"),
    ("/api/products?q=" + "x" * 101, 400, "q"),
    ("/api/products/Not_A_Slug", 400, "id"),
    ("/api/products/" + "a" * 65, 400, "id"),
    ("/api/products/BAD/image", 400, "id"),
    ("/api/products/no-such-scope", 404, "id"),
    ("/api/products/no-such-scope/image", 404, "id"),
])
def test_bad_requests_name_the_field(client, url, status, field):
    response = client.get(url)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert field in [e["field"] for e in response.get_json()["errors"]]


def test_not_found_names_the_id(client):
    assert "no-such-scope" in client.get("/api/products/no-such-scope").get_json()["detail"]


def test_gets_one_product(client):
    body = client.get("/api/products/apo-refractor-80").get_json()
    assert body["price"] == {"currency": "USD", "amount_minor": 129900}


@pytest.mark.parametrize("mutate, message", [
    (lambda ps, imgs: ps[0].update(price_usd_minor=-5), "apo-refractor-80"),
    (lambda ps, imgs: ps[0].update(price_usd_minor=99.5), "price_usd_minor"),
    (lambda ps, imgs: ps[1].update(description=""), "dobsonian-8"),
    (lambda ps, imgs: ps[2].update(categories=["comets"]), "maksutov-127"),
    (lambda ps, imgs: ps[3].update(id=ps[0]["id"]), "appears twice"),
    (lambda ps, imgs: (imgs / "sct-8.svg").unlink(), "sct-8"),
    (lambda ps, imgs: ps[4].pop("name"), "newtonian-astrograph-150"),
])
def test_broken_data_file_fails_fast_naming_the_product(tmp_path, settings, mutate, message):
    shutil.copytree(DATA, tmp_path, dirs_exist_ok=True)
    raw = json.loads(json.dumps(RAW))
    mutate(raw["products"], tmp_path / "images")
    (tmp_path / "products.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(CatalogDataError, match=message):
        create_app({**settings, "CATALOG_DATA_DIR": str(tmp_path)})


def test_openapi_lists_every_public_route(client):
    paths = client.get("/openapi.json").get_json()["paths"]
    for path in ("/api/products", "/api/products/{product_id}", "/api/categories",
                 "/api/products/{product_id}/image"):
        assert path in paths


def test_prepared_bodies_are_the_bytes_jsonify_sent_with_their_sha256(app, client):
    with app.app_context():
        listing = app.extensions["catalog_bodies"].listing(None, None)
        assert listing.body == jsonify(ProductList(
            products=app.extensions["catalog"].search()).model_dump(mode="json")).get_data()
    response = client.get("/api/products")
    assert response.get_data() == listing.body and response.mimetype == "application/json"
    assert listing.etag == hashlib.sha256(response.get_data()).hexdigest()
    one = client.get(f"/api/products/{IDS[0]}")
    assert one.get_json()["id"] == IDS[0]
    assert one.get_data() == app.extensions["catalog_bodies"].product(IDS[0]).body


def test_search_texts_that_read_the_same_share_one_prepared_listing(app):
    bodies = app.extensions["catalog_bodies"]
    assert bodies.listing("telescopes", "  Dobsonian ") is bodies.listing("telescopes",
                                                                           "dobsonian")
    assert b"dobsonian-8" in bodies.listing("telescopes", "DOBSONIAN").body
    assert bodies.listing(None, "") is bodies.listing(None, None)


def test_unknown_ids_and_categories_still_get_their_4xx_after_preparing(client):
    assert client.get("/api/products/no-such-thing").status_code == 404
    for _ in range(2):  # a refused listing is never kept
        response = client.get("/api/products?category=comets")
        assert response.status_code == 400
        assert response.get_json()["errors"][0]["field"] == "category"
