"""Cart service: a shopper's cart, in SQL by default or in Redis when configured."""
from __future__ import annotations

from flask import Flask

from shop.cart.store import CartStore, SqlCartStore
from shop.cart.views import bp
from shop.common import flags
from shop.common.app import create_service_app
from shop.common.config import ConfigError
from shop.common.health import add_check

DEFAULTS = {
    "DATABASE_URL": "sqlite:///astroshop-cart.db",
    "REDIS_URL": "",
    "CART_TTL_S": str(3 * 24 * 3600),
}


def open_store(config) -> CartStore:
    """Redis when ASTROSHOP_REDIS_URL is set, else the SQL database (redis-py imported only
    then: 3 MB the default stack does not carry)."""
    if config["REDIS_URL"]:
        from shop.cart.redis_store import RedisCartStore

        ttl = str(config["CART_TTL_S"])
        if not ttl.isdigit() or int(ttl) < 1:
            raise ConfigError(f"ASTROSHOP_CART_TTL_S must be a positive integer, got {ttl!r}")
        return RedisCartStore(str(config["REDIS_URL"]), int(ttl))
    return SqlCartStore(str(config["DATABASE_URL"]))


def create_app(test_config=None) -> Flask:
    """Build the cart service."""
    app = create_service_app("cart", defaults=DEFAULTS, test_config=test_config,
                             blueprints=[bp],
                             description="A shopper's cart: product ids and whole quantities.")
    app.extensions["cart_store"] = open_store(app.config)
    add_check(app, "store", app.extensions["cart_store"].ping)
    flags.init_app(app)
    return app
