"""Canned service answers for the storefront's unit tests, on top of the shared fake client."""
from __future__ import annotations

from tests.unit.shop.fakes import FakeServices, convert, product
from tests.unit.shop.samples import sample

CART_ID = "c0ffee00c0ffee00c0ffee00c0ffee00"
CART = f"/api/carts/{CART_ID}"


SCOPE = product("apo-refractor-80", 129999, ["telescopes"], "80 mm Apo Refractor")
EYEPIECE = product("plossl-25", 4999, ["eyepieces"], "25 mm Plossl Eyepiece")
TORCH = product("red-torch", 1250, ["accessories"], "Red Night-Vision Torch")
PRODUCTS = [SCOPE, EYEPIECE, TORCH]
CURRENCIES = [{"code": "USD", "name": "US Dollar", "symbol": "$", "minor_digits": 2},
              {"code": "EUR", "name": "Euro", "symbol": "€", "minor_digits": 2},
              {"code": "JPY", "name": "Japanese Yen", "symbol": "¥", "minor_digits": 0}]
AD = {"id": "ad-first-light", "text": "First light is one click away.",
      "category": "telescopes", "redirect_url": "/?category=telescopes"}
SHIPPING_USD = 899


def eur(cents: int) -> dict:
    """Money in euro cents."""
    return {"currency": "EUR", "amount_minor": cents}


ORDER = {"order_id": "ord-7f3a", "tracking_id": "TRK-42-NEBULA", "email": "vera@example.com",
         "currency": "EUR",
         "items": [{"product_id": "plossl-25", "quantity": 2, "unit_price": eur(4599),
                    "line_total": eur(9198)}],
         "shipping": eur(827), "total": eur(10025), "created_at": "2026-11-02T21:00:00Z"}


def convert_many(body: dict, headers: dict) -> dict:
    """The currency service's /convert/many."""
    return {"items": [convert(m, body["to"]) for m in body["items"]]}


def quote(body: dict, headers: dict) -> dict:
    """The shipping service's quote: a flat rate, in the asked currency."""
    usd = {"currency": "USD", "amount_minor": SHIPPING_USD}
    return {"cost": convert(usd, body["currency"])}


def storefront(fake: FakeServices, cart_items: list[dict] | None = None) -> FakeServices:
    """Answer every call the storefront makes, for a cart holding `cart_items`."""
    fake.on("catalog", "GET", "/api/products", {"products": PRODUCTS})
    fake.on("catalog", "GET", "/api/products?category=telescopes", {"products": [SCOPE]})
    fake.on("catalog", "GET", "/api/categories", {"categories": [
        {"id": "telescopes", "name": "Telescopes", "product_count": 1},
        {"id": "eyepieces", "name": "Eyepieces", "product_count": 1},
        {"id": "accessories", "name": "Accessories", "product_count": 1}]})
    for item in PRODUCTS:
        fake.on("catalog", "GET", f"/api/products/{item['id']}", item)
    fake.on("currency", "GET", "/api/currencies", {"currencies": CURRENCIES, "base": "USD"})
    fake.on("currency", "POST", "/convert/many", convert_many)
    fake.on("ads", "GET", "/api/ads?categories=telescopes,eyepieces,accessories", {"ads": [AD]})
    fake.on("ads", "GET", "/api/ads?categories=telescopes", {"ads": [AD]})
    fake.on("recommendation", "GET", "/api/recommendations?product_ids=apo-refractor-80",
            {"recommendations": [EYEPIECE]})
    cart = {"cart_id": CART_ID, "items": cart_items or []}
    fake.on("cart", "GET", CART, cart)
    for method, path in (("POST", CART + "/items"), ("DELETE", CART)):
        fake.on("cart", method, path, cart)
    for item in PRODUCTS:
        for method in ("PUT", "DELETE"):
            fake.on("cart", method, f"{CART}/items/{item['id']}", cart)
    fake.on("shipping", "POST", "/api/shipping/quote", quote)
    fake.on("checkout", "POST", "/api/checkout", ORDER)
    fake.on("checkout", "GET", f"/api/orders/{ORDER['order_id']}", ORDER)
    return fake


def funnel(step: str) -> float:
    """How many times the storefront has counted funnel `step` in this process."""
    return sample("astroshop_funnel_events_total", step=step)
