"""Cart steps: changing, removing and emptying lines, and a second shopper alongside."""
from __future__ import annotations

import json

from pytest_bdd import parsers, when

from harness.bdd.api import ApiShopper

QUANTITY = {"quantity": json.loads}


@when(parsers.re(r'they change the quantity of the "(?P<category>[^"]+)" item to '
                 r'(?P<quantity>\S+)'), converters=QUANTITY)
def change_quantity(shopper, category, quantity):
    """Set a line's quantity (any JSON value)."""
    shopper.set_quantity(shopper.choose(category)["id"], quantity)


@when(parsers.parse('they remove the "{category}" item'))
def remove_line(shopper, category):
    """Take a line out of the cart."""
    shopper.remove(shopper.choose(category)["id"])


@when("they empty their cart")
def empty_cart(shopper):
    """Remove every line."""
    shopper.empty()


@when(parsers.parse('another shopper adds {quantity:d} "{category}" items to their own cart'))
def another_shopper(shop, quantity, category):
    """A second shopper fills a cart of their own."""
    ApiShopper.new(shop).put(quantity, category)


@when(parsers.parse('they add {quantity:d} of the product "{product_id}" to the cart'))
def add_by_id(shopper, quantity, product_id):
    """Try to add a product by its id, which may not exist."""
    shopper.add(product_id, quantity)
