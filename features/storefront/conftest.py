"""Storefront steps for looking around in a real browser: the grid, search, product pages."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from harness.bdd import pages
from harness.bdd.browser import minor_units
from harness.bdd.checks import mentions


@then(parsers.parse("they see a grid of at least {count:d} products, each with a name and a "
                    "price"))
def grid(storefront, count):
    """Product cards, each showing a name and a price."""
    names = storefront.texts(f"{pages.CARD} .product-name")
    prices = storefront.texts(f"{pages.CARD} [data-testid=price]")
    assert len(names) >= count, f"only {len(names)} products: {storefront.seen()}"
    assert all(names) and len(prices) == len(names) and all(map(minor_units, prices)), prices


@then("they see the category filter and a search box")
def filter_and_search(storefront):
    """Category links and the search field are visible."""
    assert storefront.page.locator("nav.categories a").count() >= 7, storefront.seen()
    assert storefront.page.get_by_label("Search the shop").is_visible(), storefront.seen()


@when(parsers.parse('they choose the "{name}" category'))
def choose_category(storefront, name):
    """Follow the category's link."""
    storefront.go(storefront.page.locator("nav.categories").get_by_role("link", name=name, exact=True))


@then(parsers.parse('they see exactly the products of the "{category}" category'))
def category_products(storefront, shop, category):
    """The cards are the category's products, as the API lists them."""
    expected = [p["id"] for p in shop.products(category=category)]
    assert pages.product_ids(storefront) == expected, storefront.seen()


@when(parsers.parse('they search for "{words}"'))
def search(storefront, words):
    """Type in the search box and submit."""
    storefront.page.get_by_label("Search the shop").fill(words)
    storefront.go("#search-submit")


@then(parsers.parse('every product they see mentions "{words}"'))
def results_mention(storefront, shop, words):
    """At least one result, each mentioning the words."""
    catalog = {p["id"]: p for p in shop.products()}
    shown = pages.product_ids(storefront)
    assert shown, f"no results: {storefront.seen()}"
    assert all(mentions(catalog[i], words) for i in shown), shown


@then("they are told that nothing matches")
def nothing_matches(storefront):
    """The polite empty-result message."""
    assert storefront.page.get_by_test_id("no-results").is_visible(), storefront.seen()


@when(parsers.parse('they open the first "{category}" product from the grid'),
      target_fixture="product")
def open_from_grid(storefront, shop, category):
    """Click the product's card on the home page."""
    product = shop.products(category=category)[0]
    storefront.open("/")
    storefront.go(pages.product_card_link(storefront, product["id"]))
    return product


@then("they see its name, price, picture and description")
def product_details(storefront, product):
    """The product page shows what the catalog says, with a drawn picture."""
    page = storefront.page
    assert page.get_by_test_id("product-name").inner_text() == product["name"], storefront.seen()
    assert minor_units(page.locator(".product-detail [data-testid=price]").inner_text()) > 0
    assert product["description"][:60] in page.locator(".description").inner_text()
    width = page.locator(".product-detail img").evaluate("img => img.naturalWidth")
    assert width > 0, "the product's picture was not drawn"


@then("they are offered other products they may also like")
def recommended(storefront):
    """A block of recommendations."""
    block = storefront.page.get_by_test_id("recommendations")
    assert block.locator(pages.CARD).count() >= 1, storefront.seen()


@then("they are not offered other products")
def not_recommended(storefront):
    """The recommendations block has vanished, with no error in its place."""
    assert storefront.page.get_by_test_id("recommendations").count() == 0, storefront.seen()


@when("they try to open their cart")
def try_cart(storefront):
    """Open the cart page, whatever it answers."""
    storefront.open("/cart", ok=(200, 503))


@then(parsers.parse('they see a page titled "{title}"'))
def page_titled(storefront, title):
    """The page's main heading."""
    heading = storefront.page.locator("main h1").inner_text()
    assert heading == title, f"the page is titled {heading!r}: {storefront.seen()}"


@then("the page shows no technical details")
def no_technical(storefront):
    """Nothing only a developer should see."""
    assert not pages.technical_words(storefront), storefront.seen()
