"""Rendering pages: the shared layout data (currency selector) and the Jinja money filter."""
from __future__ import annotations

from flask import Flask, current_app, g, render_template, request

from shop.frontend import shopper, tokens
from shop.frontend.prices import currency_table, format_money


def current_path() -> str:
    """This page's path and query, for forms that come back here."""
    return request.full_path.rstrip("?")


def page(template: str, status: int = 200, **context):
    """Render a store page with the layout's currency selector and account links, and its
    status."""
    table = currency_table()
    return render_template(template, currencies=list(table.values()),
                           currency=shopper.currency(table), here=current_path(),
                           signed_in=tokens.signed_in() is not None, **context), status


def builds() -> list[str]:
    """The builds that made this page: the storefront's own, then every service it called
    (from their answers' build header), a canary's among them."""
    own = f"frontend {current_app.extensions['astroshop_build'].shown()}"
    return [own, *sorted(g.get("builds", ()))]


def init_app(app: Flask) -> None:
    """Register the Jinja filters the templates use, and the footer's builds."""
    app.jinja_env.filters["money"] = format_money
    app.context_processor(lambda: {"builds": builds})
