"""Frontend: the server-rendered storefront (HTML, CSRF-protected forms, no JavaScript needed)."""
from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from shop.common import fanout
from shop.common.app import create_service_app
from shop.common import caching
from shop.frontend import render, security, site
from shop.frontend.views import account, browse, cart, checkout, signin

csrf = CSRFProtect()


def create_app(test_config=None) -> Flask:
    """Build the storefront; ASTROSHOP_SECRET_KEY signs the session and the CSRF tokens."""
    app = create_service_app("frontend", required=("SECRET_KEY",), test_config=test_config,
                             blueprints=[browse.bp, cart.bp, checkout.bp, signin.bp, account.bp],
                             description="Server-rendered pages; forms are CSRF-protected.")
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = caching.STATIC_MAX_AGE
    security.init_app(app)
    csrf.init_app(app)
    fanout.init_app(app)
    render.init_app(app)
    site.init_app(app)
    return app
