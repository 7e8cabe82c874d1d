"""Checkout steps: card details, wrong details, retries with the same key, what was sent."""
from __future__ import annotations

import json
import re

import pytest
from pytest_bdd import given, parsers, then, when

from harness.bdd import checks
from harness.bdd.cards import card, expiry, named
from harness.bdd.evidence import NoMeshAccess, emails_to
from harness.bdd.seen import failure

CARD = "card {number} expiring {when:expiry} with security code {cvv}"
TYPES = {"expiry": expiry}


@when(parsers.parse("they check out paying with " + CARD, extra_types=TYPES))
def pay_with_card(shopper, number, when, cvv):
    """Check out in USD with a card described digit by digit."""
    shopper.checkout(card(number, when, cvv), "USD")


@when(parsers.re(r"they check out with (?P<detail>[\w.]+) given as (?P<value>.+)"),
      converters={"value": json.loads})
def wrong_detail(shopper, detail, value):
    """Check out with one part of the order (email, address.zip, ...) replaced."""
    body, headers = shopper.checkout_request(named("approved visa"))
    head, _, rest = detail.partition(".")
    body[head] = {**body[head], rest: value} if rest else value
    shopper.send_checkout(body, headers)


@then(parsers.parse("the order lists {lines}"))
def order_lists(shopper, lines):
    """The order holds exactly the quantities of each chosen product."""
    wanted = {shopper.choose(cat)["id"]: int(n) for n, cat in re.findall(r'(\d+) "([^"]+)"', lines)}
    got = {item["product_id"]: item["quantity"] for item in shopper.order()["items"]}
    assert got == wanted, f"the order lists {got}, expected {wanted}"


@then("the order has a tracking number")
def tracking_number(shopper):
    """A shipment was made for the order."""
    assert shopper.order()["tracking_id"], f"no tracking number in {shopper.order()}"


@then("a confirmation of the order is sent to their email address")
def confirmation_sent(target, shopper):
    """The order's confirmation is in the outbox (an internal endpoint, read on the mesh)."""
    try:
        sent = emails_to(target, shopper.email)
    except NoMeshAccess as exc:
        pytest.skip(f"the outbox is internal and cannot be read here: {exc}")
    assert [m["order_id"] for m in sent] == [shopper.order()["order_id"]], sent


@then("the card is declined")
def declined(shopper):
    """The issuer said no (402 Payment Required)."""
    checks.answered(shopper.last, 402, "the card to be declined by the bank")
    checks.refused(shopper.last, "declined")


@given("they have tried to check out with the declined Visa card")
def tried_declined(shopper):
    """A checkout that the bank declined."""
    checks.answered(shopper.checkout(named("declined visa")), 402, "the card to be declined")


@when("they send the same checkout again with the same retry key")
def retry_once(shopper):
    """The same request again, as after a lost answer."""
    shopper.resend(1)


@when(parsers.parse("they send the same checkout {times:d} times at once with one retry key"))
def retry_at_once(shopper, times):
    """The same request several times concurrently, as after impatient clicks."""
    shopper.checkout_request(named("approved visa"))
    shopper.resend(times)


@then("both answers are the same order")
@then("every answer is the same order")
def same_order(shopper):
    """Every checkout answer is the one order."""
    for answer in shopper.answers:
        if answer.request.path_url == "/api/checkout" and answer.status_code != 201:
            raise failure(answer, "the same order again")
    ids = {order["order_id"] for order in shopper.orders}
    assert len(ids) == 1, f"the retries made {len(ids)} different orders: {sorted(ids)}"


@when(parsers.parse("they check out in {currency} reusing the first retry key"))
def reuse_key(shopper, currency):
    """A different checkout sent with an earlier checkout's key."""
    shopper.checkout(named("approved visa"), currency, key=shopper.keys[0])


@when("they check out without a retry key")
def no_key(shopper):
    """A checkout without an Idempotency-Key header."""
    shopper.checkout(named("approved visa"), key=None)
