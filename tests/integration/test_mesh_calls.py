"""The mesh allows only the calls the model declares, on the real stack: each service reaches
Envoy on its own listener, and a call it does not declare is refused with 403 problem+json
before it reaches any service (frontend to payment's /charges above all)."""
import pytest
import requests

from harness.model.services import SERVICES

PROBLEM = "application/problem+json"


def call(topology, caller: str, service: str, path: str = "/healthz") -> requests.Response:
    """GET `path` of `service` from `caller`'s own mesh listener."""
    return requests.get(topology.mesh_url(caller) + path, headers={"Host": service}, timeout=5)


def test_frontend_cannot_read_payments_charges(topology):
    refused = call(topology, "frontend", "payment", "/charges")
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith(PROBLEM)
    assert "frontend may call only catalog, cart" in refused.json()["detail"]
    assert call(topology, "frontend", "email", "/outbox").status_code == 403


def test_checkout_reaches_payment(topology):
    allowed = call(topology, "checkout", "payment", "/charges")
    assert allowed.status_code == 200, allowed.text
    assert "charges" in allowed.json()


@pytest.mark.parametrize("caller", [service.name for service in SERVICES])
def test_every_caller_reaches_exactly_the_services_it_declares(topology, caller):
    declared = set(topology.service(caller).calls)
    statuses = {name: call(topology, caller, name).status_code for name in topology.names()}
    assert {name for name, status in statuses.items() if status == 200} == declared
    assert {name for name, status in statuses.items() if status == 403} == (
        set(topology.names()) - declared)


def test_a_host_that_names_no_service_is_404(topology):
    assert call(topology, "checkout", "nowhere").status_code == 404


def test_services_are_configured_with_their_own_listener(stack, topology):
    for spec in stack.processes():
        if spec.kind == "service":
            assert spec.env["ASTROSHOP_MESH_URL"] == topology.mesh_url(spec.service)
