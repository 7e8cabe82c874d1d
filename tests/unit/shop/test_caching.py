"""HTTP caching decided by the services: public catalog reads with max-age, strong ETags and
304; static files with max-age; everything else private (shop/common/caching.py)."""
import pytest

import shop.catalog
from shop.common import caching

SERVICE = shop.catalog  # the service conftest's `app` fixture builds


@pytest.mark.parametrize("path, max_age", [
    ("/api/products", caching.PRODUCTS_MAX_AGE),
    ("/api/products?category=filters", caching.PRODUCTS_MAX_AGE),
    ("/api/categories", caching.CATEGORIES_MAX_AGE),
])
def test_catalog_reads_are_public_with_a_strong_etag_and_304(client, path, max_age):
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == f"public, max-age={max_age}"
    tag = first.headers["ETag"]
    assert tag.startswith('"') and not tag.startswith("W/")
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_one_product_and_its_image_are_public(client):
    product = client.get("/api/products").get_json()["products"][0]["id"]
    one = client.get(f"/api/products/{product}")
    image = client.get(f"/api/products/{product}/image")
    assert one.headers["Cache-Control"] == f"public, max-age={caching.PRODUCTS_MAX_AGE}"
    assert image.headers["Cache-Control"] == f"public, max-age={caching.IMAGE_MAX_AGE}"
    assert client.get(f"/api/products/{product}/image",
                      headers={"If-None-Match": image.headers["ETag"]}).status_code == 304


def test_different_bodies_get_different_etags(client):
    all_products = client.get("/api/products").headers["ETag"]
    filtered = client.get("/api/products?category=filters").headers["ETag"]
    assert all_products != filtered


@pytest.mark.parametrize("path", ["/api/products/no-such-thing", "/api/products/BAD!", "/healthz"])
def test_answers_that_say_nothing_are_private(client, path):
    assert client.get(path).headers["Cache-Control"] == caching.PRIVATE


def test_validators_other_than_if_none_match_still_apply(client):
    """Only a request with no validator skips werkzeug's conditional logic: If-Match with
    another tag is 412, If-Match with its own tag a plain 200."""
    tag = client.get("/api/products").headers["ETag"]
    assert client.get("/api/products", headers={"If-Match": '"other"'}).status_code == 412
    same = client.get("/api/products", headers={"If-Match": tag})
    assert same.status_code == 200 and same.get_json()["products"]
