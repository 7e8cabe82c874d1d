"""Steps every area shares: the shop, a shopper and their cart, checkout, refusals, evidence."""
from __future__ import annotations

import json

from pytest_bdd import given, parsers, then, when

from harness.bdd import checks
from harness.bdd.api import ApiShopper
from harness.bdd.cards import named
from harness.bdd.control import Outage

# The suite's options, fixtures (target, shop, shopper, storefront, outages...) and hooks.
pytest_plugins = ["harness.bdd.plugin"]
ITEMS = r'(?P<quantity>\S+) "(?P<category>[^"]+)" items?'
AS_JSON = {"quantity": json.loads}
CHECKOUT = "{currency} with the {card} card"


@given("the shop is open")
def shop_is_open(target):
    """Nothing to do: the `target` fixture checks once per session that the shop answers."""


@given("a shopper opens the store in a browser")
def open_store(storefront):
    """The home page in a fresh browser tab (own cookies, so own cart)."""
    storefront.open("/")


@given("a shopper with an empty cart", target_fixture="shopper")
def new_shopper(shop):
    """A shopper with a cart of their own."""
    return ApiShopper.new(shop)


@given(parsers.re(f"a shopper with {ITEMS} in the cart"), converters=AS_JSON,
       target_fixture="shopper")
def shopper_with_items(shop, quantity, category):
    """A new shopper who has put units of a category's first product in their cart."""
    shopper = ApiShopper.new(shop)
    shopper.put(quantity, category)
    return shopper


@given(parsers.re(f"they have added {ITEMS} to the cart"), converters=AS_JSON)
def have_added(shopper, quantity, category):
    """More of a category's first product, accepted."""
    shopper.put(quantity, category)


@when(parsers.re(f"they add {ITEMS} to the cart"), converters=AS_JSON)
def add_items(shopper, quantity, category):
    """Try to add units (any JSON value) of a category's first product."""
    shopper.add(shopper.choose(category)["id"], quantity)


@given(parsers.parse("they have checked out in " + CHECKOUT))
def have_checked_out(shopper, currency, card):
    """An order placed, which must succeed."""
    shopper.expect(shopper.checkout(named(card), currency), (201,), "their order to be placed")


@when(parsers.parse("they check out in " + CHECKOUT))
def check_out(shopper, currency, card):
    """Place an order for the cart."""
    shopper.checkout(named(card), currency)


@then("the order is placed")
def order_placed(shopper):
    """The checkout answered with a new order."""
    checks.answered(shopper.last, 201, "their order to be placed")


@then("the order total is exactly its lines plus shipping")
def order_adds_up(shopper):
    """Exact money: lines times quantities, plus shipping, in one currency."""
    checks.order_adds_up(shopper.order())


@then(parsers.parse('the shop refuses it, saying "{reason}"'))
def refused(shopper, reason):
    """A 4xx whose words include the reason."""
    checks.refused(shopper.last, reason)


@then(parsers.parse('the refusal names the "{field}" field'))
def names_field(shopper, field):
    """The refusal points at the field."""
    checks.names_field(shopper.last, field)


@then(parsers.parse('the shop says it was not found, saying "{reason}"'))
def not_found(shopper, reason):
    """A 404 whose words include the reason."""
    checks.answered(shopper.last, 404, f'"not found" saying "{reason}"')
    checks.refused(shopper.last, reason)


@then("their cart is empty")
def cart_is_empty(shopper):
    """No lines at all."""
    assert shopper.lines() == {}, f"the cart still holds {shopper.lines()}"


@then(parsers.re(r"their cart holds (?P<count>\d+) items? in total"), converters={"count": int})
def cart_holds_in_total(shopper, count):
    """The quantities of every line add up to `count`."""
    lines = shopper.lines()
    assert sum(lines.values()) == count, f"expected {count} items in the cart, found {lines}"


@then(parsers.re(f"their cart holds {ITEMS}"), converters=AS_JSON)
def cart_holds(shopper, quantity, category):
    """The line of a category's chosen product has `quantity` units."""
    product = shopper.choose(category)
    found = shopper.lines().get(product["id"], 0)
    assert found == quantity, f'expected {quantity} × "{product["name"]}", found {found}'


@then("nothing is charged")
def nothing_charged(target, shopper):
    """No charge for any of the shopper's checkouts."""
    checks.charged(target, shopper, 0)


@then("they are charged exactly once")
def charged_once(target, shopper):
    """One charge over all the shopper's checkouts, however often they were sent."""
    checks.charged(target, shopper, 1)


@given(parsers.parse("the {service} service is down"))
def service_down(target, outages, service):
    """Every replica of the service stopped until the scenario ends."""
    outages[service] = Outage(target, service).stop()


@when(parsers.parse("the {service} service comes back"))
def service_back(outages, service):
    """Start the service again and wait until the shop reaches it."""
    outages[service].restore()


@then(parsers.parse('the shopper is told the "{part}" service is unavailable'))
def told_unavailable(shopper, part):
    """An honest 503 rather than a crash or a wrong answer."""
    checks.unavailable(shopper.last, part)


@when(parsers.parse('a visitor asks for "{path}"'), target_fixture="answer")
def visitor_asks(visitor, path):
    """A plain GET of a public address."""
    return visitor.session.get(visitor.base_url + path, timeout=visitor.timeout,
                               allow_redirects=False)


@then(parsers.parse('the answer is "{words}"'))
def answer_is(answer, words):
    """The answer's status, in words ("ok", "not found", "method not allowed"...)."""
    checks.answered_as(answer, words)
