"""Catalog steps: browsing, searching and reading products through the public API."""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.bdd.checks import mentions
from harness.bdd.seen import failure


def listed(shopper) -> list[dict]:
    """The products of the shopper's last catalog answer, which must have succeeded."""
    return shopper.expect(shopper.last, (200,), "a list of products")["products"]


@when("the shopper looks at the whole catalog", target_fixture="catalog")
def whole_catalog(shopper):
    """Every product and every category."""
    categories = shopper.expect(shopper.send("GET", "/api/categories"), (200,),
                                "the list of categories")["categories"]
    shopper.send("GET", "/api/products")
    return {"products": listed(shopper), "categories": categories}


@then(parsers.parse("they see at least {products:d} products in at least {groups:d} categories"))
def catalog_size(catalog, products, groups):
    """Enough products and categories."""
    used = {c for p in catalog["products"] for c in p["categories"]}
    assert len(catalog["products"]) >= products, f"only {len(catalog['products'])} products"
    assert len(used) >= groups, f"products are in only {len(used)} categories: {sorted(used)}"


@then("every product has a name, a description, a picture and a price in US dollars")
def products_complete(catalog):
    """Name, description, image and a positive integer USD price on every product."""
    for p in catalog["products"]:
        price = p["price"]
        assert p["name"] and len(p["description"]) >= 40 and p["image_url"], p["id"]
        assert price["currency"] == "USD" and isinstance(price["amount_minor"], int), price
        assert price["amount_minor"] > 0, f"{p['id']} is free"


@then("every product's picture is an image the browser can draw")
def pictures(shopper, catalog):
    """Each product's image answers as SVG."""
    for product in catalog["products"]:
        answer = shopper.send("GET", product["image_url"])
        if answer.status_code != 200 or "svg" not in answer.headers.get("Content-Type", ""):
            raise failure(answer, f"a picture of {product['name']}")


@when(parsers.parse('the shopper browses the "{category}" category'), target_fixture="browsed")
def browse_category(shopper, category):
    """Products of one category."""
    shopper.send("GET", "/api/products", params={"category": category})
    return category


@then(parsers.parse('every product they see belongs to "{category}"'))
def all_in_category(shopper, category):
    """No product from another category slipped in."""
    strays = [p["id"] for p in listed(shopper) if category not in p["categories"]]
    assert not strays, f"not in {category}: {strays}"


@then("they see as many products as the category announces")
def count_matches(shopper, browsed):
    """The category's product count is what browsing it shows."""
    shown = listed(shopper)
    announced = {c["id"]: c["product_count"] for c in shopper.expect(
        shopper.send("GET", "/api/categories"), (200,), "the categories")["categories"]}
    assert announced[browsed] == len(shown), f"{browsed}: {announced[browsed]} != {len(shown)}"


@when(parsers.parse('the shopper searches for "{words}"'))
def search(shopper, words):
    """A free-text search."""
    shopper.send("GET", "/api/products", params={"q": words})


@then(parsers.parse("they find at least {count:d} products"))
def found_at_least(shopper, count):
    """Enough results."""
    assert len(listed(shopper)) >= count, f"found only {[p['name'] for p in listed(shopper)]}"


@then(parsers.parse('every product they find mentions "{words}"'))
def every_result_mentions(shopper, words):
    """No unrelated result."""
    unrelated = [p["name"] for p in listed(shopper) if not mentions(p, words)]
    assert not unrelated, f'these do not mention "{words}": {unrelated}'


@then("they find no products")
def found_nothing(shopper):
    """An empty, successful answer."""
    assert listed(shopper) == [], f"found {[p['name'] for p in listed(shopper)]}"


@when(parsers.parse('the shopper opens the first "{category}" product'), target_fixture="product")
def open_first(shopper, category):
    """One product's own page in the API."""
    chosen = shopper.choose(category)
    return shopper.expect(shopper.send("GET", f"/api/products/{chosen['id']}"), (200,),
                          f"the page of {chosen['name']}")


@then("they see the same name, description and price the catalog lists")
def same_as_listed(shopper, product):
    """The product page agrees with the category listing."""
    listed_first = next(iter(shopper.chosen.values()))
    assert product == listed_first, f"page {product} differs from listing {listed_first}"


@when(parsers.parse('the shopper asks what goes well with the first "{category}" product'),
      target_fixture="product")
def ask_related(shopper, category):
    """Recommendations for one product."""
    chosen = shopper.choose(category)
    shopper.send("GET", "/api/recommendations", params={"product_ids": chosen["id"]})
    return chosen


@then(parsers.parse("they are shown at least {count:d} other product"))
def related_shown(shopper, count):
    """Enough recommendations."""
    found = shopper.expect(shopper.last, (200,), "recommendations")["recommendations"]
    assert len(found) >= count, f"only {len(found)} recommendations"


@then("the product itself is not among them")
def not_itself(shopper, product):
    """A product never recommends itself."""
    found = [p["id"] for p in shopper.last.json()["recommendations"]]
    assert product["id"] not in found, f"{product['id']} recommends itself: {found}"


@when(parsers.parse('the shopper opens the product "{product_id}"'))
def open_product(shopper, product_id):
    """A product page by id, which may not exist."""
    shopper.send("GET", f"/api/products/{product_id}")
