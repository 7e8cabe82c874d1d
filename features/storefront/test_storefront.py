"""Binds every storefront feature, with the browser steps for the cart, currency and checkout."""
from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from harness.bdd import pages
from harness.bdd.browser import minor_units
from harness.bdd.cards import named

scenarios(".")


@when(parsers.parse("they add {quantity:d} of it to the cart"))
def add_from_page(storefront, quantity):
    """Type the quantity on the product page and press Add to cart."""
    pages.add_to_cart(storefront, quantity)


@given(parsers.parse('they have put {quantity:d} of the first "{category}" product in the cart'))
def put_in_cart(storefront, shop, quantity, category):
    """Open the product's page and add it."""
    storefront.open(f"/product/{shop.products(category=category)[0]['id']}")
    pages.add_to_cart(storefront, quantity)


@then(parsers.re(r"the cart page lists it with quantity (?P<quantity>\d+) and a line total of "
                 r"(?:twice|three times|\d+ times) its price"), converters={"quantity": int})
def cart_line(storefront, product, quantity):
    """One line for the product, whose total is its unit price times the quantity."""
    line = pages.cart_line(storefront, product["id"])
    assert line.count() == 1, f"no cart line for {product['name']}: {storefront.seen()}"
    shown, unit, total = pages.line_amounts(line)
    assert shown == quantity, f"the line shows quantity {shown}"
    assert total == unit * quantity, f"line total {total} is not {quantity} × {unit}"


@when(parsers.parse("they change its quantity to {quantity:d} on the cart page"))
def change_on_cart_page(storefront, product, quantity):
    """Type a new quantity in the product's line and press Update."""
    line = pages.cart_line(storefront, product["id"])
    line.get_by_test_id("quantity-input").fill(str(quantity))
    storefront.go(line.get_by_test_id("update-quantity"))


@when("they remove it from the cart")
def remove_on_cart_page(storefront, product):
    """Press Remove on the product's line."""
    storefront.go(pages.cart_line(storefront, product["id"]).get_by_test_id("remove-line"))


@then("the cart page says the cart is empty")
def cart_page_empty(storefront):
    """The empty-cart message."""
    assert storefront.page.get_by_test_id("cart-empty").is_visible(), storefront.seen()


@when(parsers.parse("they switch the currency to {code}"))
def switch_currency(storefront, code):
    """Pick the currency in the header and press Change."""
    storefront.page.get_by_label("Currency", exact=True).select_option(code)
    storefront.go("#currency-submit")


@then(parsers.parse('every price on the home page starts with "{symbol}"'))
def prices_in(storefront, symbol):
    """Every price shown carries the currency's symbol."""
    prices = storefront.texts("[data-testid=price]")
    assert prices and all(p.startswith(symbol) for p in prices), prices[:5]


@then(parsers.parse("prices show {decimals:d} decimals"))
def decimals_shown(storefront, decimals):
    """As many digits after the point as the currency has minor digits."""
    for price in storefront.texts("[data-testid=price]"):
        after = price.rsplit(".", 1)[1] if "." in price else ""
        assert len(after) == decimals, f"{price} does not show {decimals} decimals"


@then(parsers.parse('the cart total is shown in "{symbol}"'))
def cart_total_in(storefront, symbol):
    """The cart's total carries the currency's symbol."""
    total = storefront.page.get_by_test_id("total").inner_text()
    assert total.startswith(symbol), f"the total reads {total}"


@when(parsers.parse("they place the order in the browser paying with the {card} card"))
@when(parsers.parse('they place the order in the browser paying with the {card} card, giving '
                    'the email "{email}"'))
def place_order(storefront, card, email="stargazer@example.com", address=None):
    """From the cart to the checkout form: fill it in and press Place order."""
    storefront.open("/cart")
    storefront.go("#go-to-checkout")
    pages.fill_checkout(storefront, named(card), email, address)
    storefront.go("#place-order", ok=(200, 422))


@when(parsers.parse('they place the order in the browser paying with the {card} card, shipping '
                    'to "{street}, {postcode} {city}, {country}" without a state'))
def place_order_abroad(storefront, card, street, postcode, city, country):
    """The same, to an address that has no state."""
    place_order(storefront, card, address={"street": street, "city": city, "state": "",
                                           "zip": postcode, "country": country})


@then("they see the confirmation page with an order number and a tracking number")
def confirmation(storefront):
    """The order page, with both numbers shown."""
    assert "/order/" in storefront.page.url, f"no confirmation: {storefront.seen()}"
    assert storefront.page.get_by_test_id("order-id").inner_text().strip(), storefront.seen()
    assert storefront.page.get_by_test_id("tracking-id").inner_text().strip(), storefront.seen()


@then("the confirmed order can be looked up with the same total")
def confirmed_total(storefront, shop):
    """The API's order has the total the page shows."""
    order = shop.order(storefront.page.get_by_test_id("order-id").inner_text().strip())
    shown = minor_units(storefront.page.get_by_test_id("order-total").inner_text())
    assert shown == order["total"]["amount_minor"], f"page shows {shown}, order has {order}"


@then(parsers.parse('the checkout form says "{message}"'))
def form_says(storefront, message):
    """The problems box on the checkout form."""
    problems = storefront.page.get_by_test_id("checkout-problems")
    assert problems.count() and message in problems.inner_text(), storefront.seen()


@then(parsers.parse("their cart in the browser still holds {count:d} item"))
def browser_cart_holds(storefront, count):
    """The cart page's quantities add up to `count`."""
    quantities = pages.cart_quantities(storefront)
    assert sum(quantities.values()) == count, f"the cart page shows {quantities}"


@then(parsers.parse("the checkout form marks the {name} field"))
def field_marked(storefront, name):
    """An error next to the field, which is flagged as invalid."""
    field = storefront.page.get_by_test_id(name)
    assert field.get_attribute("aria-invalid") == "true", storefront.seen()
    assert storefront.page.get_by_test_id(f"error-{name}").is_visible(), storefront.seen()
