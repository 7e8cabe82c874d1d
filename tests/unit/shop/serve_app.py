"""A WSGI app for tests/unit/shop/test_serve.py: `/` answers at once, `/slow` after 1.5 s."""
import time

from flask import Flask

SLOW_S = 1.5


def create_app() -> Flask:
    """Two views: one immediate, one slow enough to be in flight when the test stops the server."""
    app = Flask("serve-test")
    app.add_url_rule("/", "fast", lambda: "fast")

    def slow():
        time.sleep(SLOW_S)
        return "slow"
    app.add_url_rule("/slow", "slow", slow)
    return app
