"""Currency steps: the currencies on offer, amounts in them, shipping quotes."""
from __future__ import annotations

from pytest_bdd import parsers, then, when

from harness.bdd import checks
from harness.shopclient import TEST_ADDRESS


@when("the shopper asks which currencies the shop sells in", target_fixture="currencies")
def list_currencies(shopper):
    """The currencies, by code."""
    answer = shopper.expect(shopper.send("GET", "/api/currencies"), (200,), "the currencies")
    return {c["code"]: c for c in answer["currencies"]}


@then("they can choose among these currencies:")
def currencies_on_offer(currencies, datatable):
    """Every listed currency is on offer, with its number of minor digits."""
    header, *rows = datatable
    assert header == ["code", "minor digits"], f"unexpected table header {header}"
    for code, digits in rows:
        assert code in currencies, f"{code} is not on offer; the shop sells {sorted(currencies)}"
        assert currencies[code]["minor_digits"] == int(digits), currencies[code]


@then(parsers.parse("every amount of the order is in {currency}"))
def order_in(shopper, currency):
    """The order and each of its amounts are in the currency."""
    order = shopper.order()
    assert order["currency"] == currency, f"the order is in {order['currency']}"
    checks.order_adds_up(order)


@when(parsers.parse('the shopper asks for a shipping quote for {quantity:d} "{category}" '
                    'items in {currency}'))
def ask_quote(shopper, quantity, category, currency):
    """A shipping quote to the test address."""
    items = [{"product_id": shopper.choose(category)["id"], "quantity": quantity}]
    shopper.send("POST", "/api/shipping/quote",
                 {"address": TEST_ADDRESS, "items": items, "currency": currency})


@then(parsers.parse("the quote is a positive amount in {currency}"))
def quote_in(shopper, currency):
    """A cost in the currency, in whole minor units, above zero."""
    cost = shopper.expect(shopper.last, (200,), f"a shipping quote in {currency}")["cost"]
    assert cost["currency"] == currency, f"quoted in {cost['currency']}"
    assert isinstance(cost["amount_minor"], int) and cost["amount_minor"] > 0, cost
