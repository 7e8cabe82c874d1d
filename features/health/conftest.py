"""Health steps: what the public address answers, and each service's own readiness."""
from __future__ import annotations

import pytest
from pytest_bdd import parsers, then

from harness.bdd.evidence import NoMeshAccess, readiness
from harness.bdd.seen import failure, html_summary
from harness.model.services import SERVICES


@then(parsers.parse('the answer is JSON with "{key}"'))
def json_with(answer, key):
    """A JSON object holding the key."""
    try:
        body = answer.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or key not in body:
        raise failure(answer, f'a JSON answer with "{key}"')


@then(parsers.parse('the answer is a store page headed "{heading}"'))
def store_page(answer, heading):
    """An HTML page whose heading a shopper would read."""
    if "html" not in answer.headers.get("Content-Type", "") or heading not in html_summary(
            answer.text):
        raise failure(answer, f'a store page headed "{heading}"')


@then("every service of the shop reports ready")
def all_ready(target):
    """Each service's readiness (its store and required dependencies), read on the mesh."""
    try:
        states = {svc.name: readiness(target, svc.name) for svc in SERVICES}
    except NoMeshAccess as exc:
        pytest.skip(f"readiness is internal and cannot be read here: {exc}")
    unready = {name: state for name, state in states.items() if state[0] != 200}
    assert not unready, f"not ready: {unready}"
