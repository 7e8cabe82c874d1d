"""HTTP caching, decided by the service: public answers carry max-age and a strong ETag (304
on a matching If-None-Match); every other answer is private and never stored.

The max-ages are how stale a shopper's view may be: a price changed in the catalog reaches
everyone within PRODUCTS_MAX_AGE seconds. The edge's cache (Envoy) honours the same headers.
"""
from __future__ import annotations

from flask import Flask, Response, request

PRODUCTS_MAX_AGE = 60  # product list, search and one product: prices and stock
CATEGORIES_MAX_AGE = 300  # the category list changes only with the catalog's data file
IMAGE_MAX_AGE = 86400  # a product's drawing
STATIC_MAX_AGE = 3600  # the storefront's stylesheet and icon
PRIVATE = "private, no-store"
# the request headers that can make an answer 304, 412 or 206 (as WSGI environ keys)
CONDITIONAL = frozenset({"HTTP_IF_NONE_MATCH", "HTTP_IF_MATCH", "HTTP_IF_MODIFIED_SINCE",
                         "HTTP_IF_UNMODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE"})


def public(response: Response, max_age: int) -> Response:
    """Mark `response` cacheable by anyone for `max_age` s with a strong ETag of its body;
    a 304 without the body when the request's If-None-Match names that ETag.

    The header is written as text (werkzeug's CacheControl object parses and re-serialises it
    on every attribute set), and only a request with a validator or a range goes through
    werkzeug's conditional logic: for any other request it would change nothing.
    """
    response.headers["Cache-Control"] = f"public, max-age={max_age}"
    if response.get_etag()[0] is None:  # a prepared body brings the hash of its bytes
        response.add_etag()
    if CONDITIONAL.isdisjoint(request.environ):
        return response
    return response.make_conditional(request)


def _private_unless_said(response: Response) -> Response:
    """An answer that says nothing about caching is private: no shared cache may keep it."""
    if "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = PRIVATE
    return response


def init_app(app: Flask) -> None:
    """Make every answer that is not explicitly public private (carts, orders, pages, errors)."""
    app.after_request(_private_unless_said)
