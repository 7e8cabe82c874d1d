"""Money end to end: the same cart bought in every supported currency, through the edge, and
every line, the shipping and the total compared with a computation made here from the rates
data file and the rule the README states ("Money"): each US-dollar amount (a unit price, the
shipping quote) is converted on its own, exactly, and rounded once, half to even, to the
currency's minor units; a line is its unit price times its quantity; the total is the lines
plus shipping. Fractions, not the service's Decimals: Python rounds a Fraction half to even."""
import json
import uuid
from fractions import Fraction

import pytest

from harness.paths import REPO_ROOT
from harness.shopclient import ShopClient

RATES = json.loads((REPO_ROOT / "shop" / "currency" / "data" / "rates.json").read_text())
CURRENCIES = RATES["currencies"]
CART = ((0, 3), (4, 1), (9, 2))  # (the product's place in the catalog, units): six units
BERLIN = {"street": "Invalidenstrasse 43", "city": "Berlin", "state": "BE", "zip": "10115",
          "country": "DE"}


def usd_shipping(units: int, country: str) -> int:
    """The README's shipping quote in US cents: at home 5.99 and 1.49 a further unit (free
    from ten units), abroad 24.99 and 4.99 a further unit."""
    if country == "US":
        return 0 if units >= 10 else 599 + 149 * (units - 1)
    return 2499 + 499 * (units - 1)


def exact(usd_cents: int, code: str) -> Fraction:
    """`usd_cents` in `code`'s minor units, before any rounding."""
    currency = CURRENCIES[code]
    return (Fraction(usd_cents, 100) * Fraction(currency["per_usd"])
            * 10 ** currency["minor_digits"])


def expected_order(lines: list[tuple[dict, int]], code: str, country: str) -> dict:
    """The order's amounts as the rule makes them: lines, shipping and total, minor units."""
    items = {}
    for product, units in lines:
        unit = round(exact(product["price"]["amount_minor"], code))
        items[product["id"]] = {"quantity": units, "unit_price": unit, "line_total": unit * units}
    shipping = round(exact(usd_shipping(sum(u for _, u in lines), country), code))
    total = sum(item["line_total"] for item in items.values()) + shipping
    return {"items": items, "shipping": shipping, "total": total}


def amounts(order: dict) -> dict:
    """The same shape read from an order the shop placed, every amount in its currency."""
    code = order["currency"]
    for money in (order["shipping"], order["total"], *(i["unit_price"] for i in order["items"]),
                  *(i["line_total"] for i in order["items"])):
        assert money["currency"] == code, f"an amount in {money['currency']} in a {code} order"
    return {"items": {i["product_id"]: {"quantity": i["quantity"],
                                        "unit_price": i["unit_price"]["amount_minor"],
                                        "line_total": i["line_total"]["amount_minor"]}
                      for i in order["items"]},
            "shipping": order["shipping"]["amount_minor"], "total": order["total"]["amount_minor"]}


def test_the_shop_supports_exactly_the_currencies_of_the_rates_file(shop: ShopClient):
    listed = shop.call("GET", "/api/currencies")["currencies"]
    assert {c["code"]: c["minor_digits"] for c in listed} == {
        code: c["minor_digits"] for code, c in CURRENCIES.items()}


def test_the_cart_needs_rounding_so_the_rule_is_exercised(shop: ShopClient):
    products = shop.products()
    usd = [products[place]["price"]["amount_minor"] for place, _ in CART]
    usd.append(usd_shipping(sum(units for _, units in CART), BERLIN["country"]))
    inexact = {code for code in CURRENCIES for cents in usd if exact(cents, code).denominator > 1}
    assert {"JPY", "EUR", "GBP"} <= inexact


@pytest.mark.parametrize("code", sorted(CURRENCIES))
@pytest.mark.parametrize("address", ["US", "DE"])
def test_the_same_cart_costs_what_the_rates_file_says(shop: ShopClient, code, address):
    products = shop.products()
    lines = [(products[place], units) for place, units in CART]
    cart_id = uuid.uuid4().hex
    for product, units in lines:
        shop.add_to_cart(cart_id, product["id"], units)
    place = BERLIN if address == "DE" else None
    order = shop.checkout(cart_id, currency=code, address=place)
    assert order["currency"] == code
    assert amounts(order) == expected_order(lines, code, address)
    assert amounts(shop.order(order["order_id"])) == amounts(order), "read back unchanged"
