"""Frontend: the server-rendered storefront (HTML, CSRF-protected forms, no JavaScript needed)."""
from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from shop.common import fanout
from shop.common.app import create_service_app
from shop.frontend import render, site
from shop.frontend.views import browse, cart, checkout

csrf = CSRFProtect()


def create_app(test_config=None) -> Flask:
    """Build the storefront; ASTROSHOP_SECRET_KEY signs the session and the CSRF tokens."""
    app = create_service_app("frontend", required=("SECRET_KEY",), test_config=test_config,
                             blueprints=[browse.bp, cart.bp, checkout.bp],
                             description="Server-rendered pages; forms are CSRF-protected.")
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    csrf.init_app(app)
    fanout.init_app(app)
    render.init_app(app)
    site.init_app(app)
    return app
