"""Unit tests of the storefront: pages, forms and degradation, with every service faked."""
from __future__ import annotations

import re

import pytest

import shop.frontend
from shop.frontend import create_app
from tests.unit.shop.fakes import unavailable
from tests.unit.shop.frontend_fakes import AD, CART_ID, ORDER, SCOPE, funnel, storefront

SERVICE = shop.frontend  # the service conftest's `app` fixture builds


@pytest.fixture
def settings(settings):
    """Forms post without a CSRF token, except where a test turns protection back on."""
    return {**settings, "WTF_CSRF_ENABLED": False}


@pytest.fixture
def answers(fake):
    """Every service the storefront calls, for an empty cart."""
    return storefront(fake)


@pytest.fixture
def shopper(client):
    """A shopper whose session holds the cart id the fakes answer for."""
    with client.session_transaction() as session:
        session["cart_id"] = CART_ID
    return client


def text(response) -> str:
    return response.get_data(as_text=True)


def test_home_shows_the_grid_the_categories_and_an_ad(shopper):
    before = funnel("visit")
    page = text(shopper.get("/"))
    assert "80 mm Apo Refractor" in page and "Red Night-Vision Torch" in page
    assert 'data-testid="category-telescopes"' in page
    assert AD["text"] in page
    assert funnel("visit") == before + 1


def test_home_without_ads_still_renders_without_the_ad_block(shopper, fake):
    fake.down.add("ads")
    response = shopper.get("/")
    assert response.status_code == 200
    assert 'data-testid="ad"' not in text(response) and "80 mm Apo Refractor" in text(response)


def test_product_page_shows_details_and_recommendations(shopper):
    page = text(shopper.get(f"/product/{SCOPE['id']}"))
    assert 'data-testid="product-name">80 mm Apo Refractor' in page
    assert 'data-testid="recommendations"' in page and "25 mm Plossl Eyepiece" in page


def test_product_page_without_recommendations_drops_the_block(shopper, fake):
    fake.down.add("recommendation")
    response = shopper.get(f"/product/{SCOPE['id']}")
    assert response.status_code == 200
    assert 'data-testid="recommendations"' not in text(response)


@pytest.mark.parametrize("path", ["/product/NOT..valid", "/product/unknown-thing", "/nowhere"])
def test_unknown_pages_are_a_friendly_404(shopper, path):
    response = shopper.get(path)
    assert response.status_code == 404
    assert "Lost in space" in text(response) and "Traceback" not in text(response)


def test_catalog_down_gives_a_friendly_503_not_a_stack_trace(shopper, fake):
    fake.down.add("catalog")
    response = shopper.get("/")
    assert response.status_code == 503
    assert "Our catalog is taking a short break" in text(response)
    assert response.headers["Retry-After"] == "5"


def test_adding_to_the_cart_posts_to_the_cart_service_and_redirects(shopper, fake):
    response = shopper.post("/cart/add", data={"product_id": SCOPE["id"], "quantity": "2"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/cart")
    posted = fake.to("cart", "POST")[-1]
    assert posted.path == f"/api/carts/{CART_ID}/items"
    assert posted.body == {"product_id": SCOPE["id"], "quantity": 2}


@pytest.mark.parametrize("quantity", ["0", "100", "-1", "two", ""])
def test_bad_quantity_is_refused_on_the_product_page(shopper, fake, quantity):
    response = shopper.post("/cart/add", data={"product_id": SCOPE["id"], "quantity": quantity})
    assert response.status_code == 422
    assert "Choose a quantity from 1 to 99." in text(response)
    assert not fake.to("cart", "POST")


def test_cart_page_shows_lines_shipping_and_total(shopper, fake):
    storefront(fake, [{"product_id": SCOPE["id"], "quantity": 2}])
    page = text(shopper.get("/cart"))
    assert "80 mm Apo Refractor" in page
    assert "$2,599.98" in page.replace("\u00a0", " ") or "2,599.98" in page
    assert fake.to("shipping", "POST")


def test_currency_switch_prices_the_grid_in_euros(shopper):
    response = shopper.post("/currency", data={"currency": "EUR", "next": "/"})
    assert response.status_code == 303
    page = text(shopper.get("/"))
    # $1,299.99, $49.99 and $12.50 at 0.92 EUR per USD, worked out by hand.
    for price in ("€1,195.99", "€45.99", "€11.50"):
        assert f'data-testid="price">{price}<' in page, price
    assert "$1,299.99" not in page and "$49.99" not in page


@pytest.mark.parametrize("raw_next", [
    "/%09/evil.example", "/%0d%0a/evil.example", "/%0a/evil.example", "/%0d/evil.example",
    "//evil.example", "/%5Cevil.example", "%5C%5Cevil.example", "/%5C/evil.example",
    "%09//evil.example", "%20//evil.example", "https://evil.example/", "https:evil.example",
    "javascript:alert(1)", "evil.example", "/cart%00", "",
])
def test_the_currency_switch_never_sends_the_shopper_off_site(shopper, raw_next):
    response = shopper.post("/currency", data=f"currency=EUR&next={raw_next}",
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("path", ["/cart", "/product/apo-refractor-80",
                                  "/?category=telescopes&q=red+torch"])
def test_the_currency_switch_goes_back_to_the_page_it_came_from(shopper, path):
    response = shopper.post("/currency", data={"currency": "EUR", "next": path})
    assert response.headers["Location"] == path


def test_unsupported_currency_is_refused_politely(shopper):
    shopper.post("/currency", data={"currency": "XXX", "next": "/"})
    page = text(shopper.get("/"))
    assert "we do not sell in that currency" in page


def checkout_form(**changes) -> dict:
    form = {"email": "vera@example.com", "street": "1 Observatory Way", "city": "Flagstaff",
            "state": "AZ", "zip": "86001", "country": "US", "card_number": "4242424242424242",
            "exp_month": "12", "exp_year": "2039", "cvv": "123", "idempotency_key": "key-1"}
    return {**form, **changes}


def test_checkout_places_the_order_with_the_forms_idempotency_key(shopper, fake):
    response = shopper.post("/checkout", data=checkout_form())
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/order/{ORDER['order_id']}")
    call = fake.to("checkout", "POST")[-1]
    assert call.headers["Idempotency-Key"] == "key-1"
    assert call.body["card"]["number"] == "4242424242424242"


@pytest.mark.parametrize("key", ["key\r\nX-Injected: 1", "key 1", "k" * 201])
def test_a_damaged_idempotency_key_re_renders_the_form_and_orders_nothing(shopper, fake, key):
    response = shopper.post("/checkout", data=checkout_form(idempotency_key=key))
    assert response.status_code == 422
    assert "Please correct the fields marked below." in text(response)
    assert fake.to("checkout") == []


def test_confirmation_page_shows_order_and_tracking_ids(shopper):
    page = text(shopper.get(f"/order/{ORDER['order_id']}"))
    assert ORDER["order_id"] in page and ORDER["tracking_id"] in page


def test_checkout_form_never_echoes_the_card_number(shopper):
    response = shopper.post("/checkout", data=checkout_form(email=""))
    assert response.status_code == 422
    assert "4242424242424242" not in text(response)
    assert "Please enter your email." in text(response)


def test_checkout_down_keeps_the_shopper_on_a_friendly_page(shopper, fake):
    fake.on("checkout", "POST", "/api/checkout", unavailable("checkout"))
    response = shopper.post("/checkout", data=checkout_form())
    assert response.status_code == 503
    assert "everything in your cart is safe" in text(response)


def test_forms_carry_a_csrf_token_when_protection_is_on(settings, answers):
    app = create_app({**settings, "WTF_CSRF_ENABLED": True})
    answers.install(app)
    test_client = app.test_client()
    page = text(test_client.get(f"/product/{SCOPE['id']}"))
    assert re.search(r'name="csrf_token"[^>]*value="[^"]+"', page)
    refused = test_client.post("/cart/add", data={"product_id": SCOPE["id"], "quantity": "1"})
    assert refused.status_code == 400 and "This form has expired" in text(refused)


def test_openapi_documents_every_page_and_form(shopper):
    document = shopper.get("/openapi.json").get_json()
    assert {"/", "/product/{product_id}", "/cart", "/checkout", "/order/{order_id}",
            "/cart/add", "/currency"} <= set(document["paths"])
    add = document["paths"]["/cart/add"]["post"]["requestBody"]["content"]
    form = add["application/x-www-form-urlencoded"]["schema"]
    assert form["properties"]["quantity"] == {"type": "integer", "minimum": 1, "maximum": 99}
    assert {"product_id", "quantity", "csrf_token"} <= set(form["required"])
