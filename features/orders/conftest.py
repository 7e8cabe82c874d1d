"""Order steps: looking an order up by its number."""
from __future__ import annotations

from pytest_bdd import parsers, then, when


@when("they look up their order by its number")
def look_up_own(shopper):
    """Read back the order placed last."""
    shopper.send("GET", f"/api/orders/{shopper.order()['order_id']}")


@when(parsers.parse('the shopper looks up the order "{number}"'))
def look_up(shopper, number):
    """Read an order by a number that may not exist."""
    shopper.send("GET", f"/api/orders/{number}")


@then("they see the same items, shipping and total they were charged")
def same_as_placed(shopper):
    """The order read back equals the order the checkout returned."""
    found = shopper.expect(shopper.last, (200,), "their order")
    assert found == shopper.order(), f"read back {found}, placed {shopper.order()}"


@then(parsers.parse("their {count:d} orders have different order numbers and different "
                    "tracking numbers"))
def distinct_orders(shopper, count):
    """Each order has its own order and tracking number."""
    assert len(shopper.orders) == count, f"{len(shopper.orders)} orders were placed"
    assert len({o["order_id"] for o in shopper.orders}) == count, shopper.orders
    assert len({o["tracking_id"] for o in shopper.orders}) == count, shopper.orders
