"""Accounts through the public edge, for the live tests: a shopper signed up and signed in,
the accounts service's request counter read from its own /metrics, and raw HTTPS requests from
another loopback address (a second client, for the per-client rate limits)."""
from __future__ import annotations

import http.client
import json
import re
import uuid

import requests

from harness.certs import trust
from harness.model.topology import Topology

PASSWORD = "a quiet night under dark skies"
COUNTER = re.compile(r'^astroshop_http_requests_total\{(?P<labels>[^}]*)\} (?P<value>\S+)$', re.M)


def new_email() -> str:
    """An address no other test uses."""
    return f"live-{uuid.uuid4().hex[:12]}@example.com"


def sign_up_and_in(base_url: str, email: str | None = None) -> dict:
    """Sign up a fresh shopper and sign in: the token pair and the email."""
    email = email or new_email()
    session = trust.session()
    body = {"email": email, "password": PASSWORD}
    assert session.post(f"{base_url}/api/account/signup", json=body, timeout=10).status_code == 201
    answer = session.post(f"{base_url}/api/account/signin", json=body, timeout=10)
    assert answer.status_code == 200, answer.text
    return {**answer.json(), "email": email}


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of a token."""
    return {"Authorization": f"Bearer {token}"}


def requests_seen(topology: Topology, route: str, method: str = "GET") -> float:
    """How many requests accounts itself answered on `route` (all statuses), from /metrics."""
    total = 0.0
    for endpoint in topology.endpoints("accounts"):
        text = requests.get(f"http://{endpoint.address}/metrics", timeout=5).text
        for match in COUNTER.finditer(text):
            labels = match["labels"]
            if f'route="{route}"' in labels and f'method="{method}"' in labels:
                total += float(match["value"])
    return total


def post_from(source: str, topology: Topology, path: str, body: dict) -> tuple[int, dict, dict]:
    """POST JSON to the edge over HTTPS from the loopback address `source`: status, headers,
    body (Envoy listens on 127.0.0.1; any 127.x address reaches it as another client)."""
    connection = http.client.HTTPSConnection(topology.host, topology.https_port, timeout=10,
                                             source_address=(source, 0),
                                             context=trust.ssl_context())
    try:
        connection.request("POST", path, body=json.dumps(body),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        payload = response.read()
        return response.status, dict(response.getheaders()), json.loads(payload or b"{}")
    finally:
        connection.close()
