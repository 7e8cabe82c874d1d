"""The webhook receiver Alertmanager notifies: a small Flask app run by the services' server (shop.common.serve), which
stores every notification in the run directory (`create_app()`, flaskr style)."""
from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, jsonify, request

from harness.alerting import notifications
from harness.alerting.notifications import STORE_ENV, BadPayload


def problem(status: int, field: str, reason: str):
    """An application/problem+json answer naming the field at fault."""
    body = jsonify({"type": "about:blank", "title": "Bad webhook payload", "status": status,
                    "errors": [{"field": field, "reason": reason}]})
    body.status_code, body.mimetype = status, "application/problem+json"
    return body


def create_app(test_config: dict | None = None) -> Flask:
    """The receiver app; the store is $ASTROSHOP_ALERTS_FILE unless `test_config` names one."""
    app = Flask(__name__)
    app.config["STORE"] = os.environ.get(STORE_ENV, "")
    app.config.update(test_config or {})
    if not app.config["STORE"]:
        raise RuntimeError(f"set {STORE_ENV} to the file the receiver appends to")
    store = Path(app.config["STORE"])

    @app.post("/hooks/<receiver>")
    def hook(receiver: str):
        """Store each alert of one notification; 400 naming the field when it is not one."""
        payload = request.get_json(silent=True)
        if payload is None:
            return problem(400, "body", "must be JSON with Content-Type application/json")
        try:
            found = notifications.records(payload, receiver)
        except BadPayload as exc:
            return problem(400, exc.field, exc.reason)
        notifications.append(store, found)
        return jsonify({"stored": len(found)})

    @app.get("/notifications")
    def listing():
        """Every notification received, oldest first."""
        return jsonify({"notifications": [notifications.public(r)
                                          for r in notifications.read(store)]})

    @app.get("/healthz")
    def health():
        """Alive and able to answer."""
        return jsonify({"status": "ok"})

    return app
