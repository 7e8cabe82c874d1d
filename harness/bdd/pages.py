"""The store's pages as a shopper uses them: where things are, and filling the forms."""
from __future__ import annotations

from playwright.sync_api import Locator

from harness.bdd.browser import BrowserShopper, minor_units
from harness.shopclient import TEST_ADDRESS

CARD = "[data-testid=product-card]"
LINE = "[data-testid=cart-line]"
TECHNICAL = ("Traceback", "Error:", "upstream", "exception", "mesh", "gunicorn", "HTTP 5")


def product_ids(shopper: BrowserShopper) -> list[str]:
    """The ids of the product cards on the page, in order."""
    cards = shopper.page.locator(CARD)
    return [cards.nth(i).get_attribute("data-product-id") or "" for i in range(cards.count())]


def product_card_link(shopper: BrowserShopper, product_id: str) -> Locator:
    """The link of one product's card."""
    return shopper.page.locator(f'{CARD}[data-product-id="{product_id}"] a')


def cart_line(shopper: BrowserShopper, product_id: str) -> Locator:
    """The cart page's line for one product."""
    return shopper.page.locator(f'{LINE}[data-product-id="{product_id}"]')


def line_amounts(line: Locator) -> tuple[int, int, int]:
    """A cart line's quantity, unit price and line total (in minor units)."""
    return (int(line.get_by_test_id("quantity-input").input_value()),
            minor_units(line.get_by_test_id("unit-price").inner_text()),
            minor_units(line.get_by_test_id("line-total").inner_text()))


def cart_quantities(shopper: BrowserShopper) -> dict[str, int]:
    """Open the cart page and read every line's quantity."""
    shopper.open("/cart")
    lines = shopper.page.locator(LINE)
    return {lines.nth(i).get_attribute("data-product-id") or "": line_amounts(lines.nth(i))[0]
            for i in range(lines.count())}


def add_to_cart(shopper: BrowserShopper, quantity: int) -> None:
    """On a product page: type the quantity and press Add to cart."""
    shopper.page.get_by_label("Quantity", exact=True).fill(str(quantity))
    shopper.go("#add-to-cart")


def fill_checkout(shopper: BrowserShopper, card: dict, email: str,
                  address: dict | None = None) -> None:
    """On the checkout page: contact, the address (the test one by default) and the card."""
    fields = {"email": email, **(address or TEST_ADDRESS),
              "card_number": card["number"], "exp_month": str(card["exp_month"]),
              "exp_year": str(card["exp_year"]), "cvv": card["cvv"]}
    for name, value in fields.items():
        shopper.page.get_by_test_id(name).fill(value)


def technical_words(shopper: BrowserShopper) -> list[str]:
    """Words on the page that only a developer should ever see."""
    text = shopper.page.locator("main").inner_text()
    return [word for word in TECHNICAL if word.casefold() in text.casefold()]
