"""Browsing: the home page (grid, filter, search, ad), product pages, the currency switch."""
from __future__ import annotations

import re

from flask import abort, flash, redirect, request

from shop.common.api import ApiBlueprint
from shop.common.business import FUNNEL
from shop.common.client import UpstreamError
from shop.common.fanout import together
from shop.contracts.fields import SLUG
from shop.frontend import gather, routes, shopper
from shop.frontend.forms import LineForm
from shop.frontend.prices import currency_table
from shop.frontend.render import page

bp = ApiBlueprint("browse", __name__)
bp.before_request(shopper.ensure_cart)
MAX_AD_CATEGORIES = 5


def refusal(exc: UpstreamError) -> str:
    """A service's 4xx as one sentence: its detail and the first field's reason."""
    reasons = [str(e.get("reason")) for e in exc.errors if e.get("reason")]
    return exc.body.get("detail", "not accepted") + (f": {reasons[0]}" if reasons else "")


def page_categories(products: list[dict], chosen: str | None) -> list[str]:
    """The categories the ads should fit: the chosen one, or those of the products shown."""
    if chosen:
        return [chosen]
    seen: list[str] = []
    for product in products:
        seen += [c for c in product.get("categories", []) if c not in seen]
    return seen[:MAX_AD_CATEGORIES]


@bp.serve(routes.HOME)
def home():
    """The product grid, with a category filter, a search box and an ad."""
    category = request.args.get("category", "").strip() or None
    q = request.args.get("q", "").strip() or None
    status, notice = 200, None
    try:
        products = gather.products(category, q)
    except UpstreamError as exc:
        products, notice = [], f"We could not show that selection. {refusal(exc)}."
        status = 404 if exc.status == 404 else 400
    currency = shopper.currency(currency_table())
    ad_categories = page_categories(products, category)
    shown, ads = together(lambda: gather.priced(products, currency),
                          lambda: gather.ads(ad_categories) if products else [])
    FUNNEL.labels(step="visit").inc()
    return page("home.html", status, products=shown, categories=gather.categories(),
                category=category, q=q or "", ad=ads[0] if ads else None, notice=notice)


def product_page(product_id: str, status: int = 200, form: LineForm | None = None):
    """A product's page: details, price, the add-to-cart form and recommendations."""
    if not re.fullmatch(SLUG, product_id):
        abort(404)
    currency = shopper.currency(currency_table())
    product, related = gather.product_with_recommendations(product_id)
    shown = gather.priced([product, *related], currency)
    return page("product.html", status, product=shown[0], recommendations=shown[1:],
                form=form or LineForm(product_id=product_id, quantity=1))


@bp.serve(routes.PRODUCT)
def product_detail(product_id: str):
    """Show one product and count the view."""
    response = product_page(product_id)
    FUNNEL.labels(step="product_view").inc()
    return response


@bp.serve(routes.CHOOSE_CURRENCY)
def choose_currency():
    """Switch the shopper's currency, then go back to the page they were on."""
    code = request.form.get("currency", "").strip().upper()
    if code in currency_table():
        shopper.choose_currency(code)
    else:
        flash("Sorry, we do not sell in that currency.", "error")
    return redirect(shopper.back_to(), 303)
