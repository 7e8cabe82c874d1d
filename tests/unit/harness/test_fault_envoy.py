"""Unit tests of the Envoy runtime faults: which keys are sent, and what is read back."""
import pytest
import requests

from harness.envoy.filters import fault_defaults, fault_keys
from harness.envoy import admin as admin_client
from harness.faults import envoy
from harness.faults.values import BadFaultInput
from harness.model.topology import Topology

TOPOLOGY = Topology().shifted(400)


class FakeAdmin:
    """Records admin calls; answers GET /runtime from what was set."""

    def __init__(self, status=200):
        self.calls, self.runtime, self.status = [], {}, status

    def __call__(self, method, url, params=None, timeout=None):
        self.calls.append((method, url, dict(params or {})))
        response = requests.Response()
        response.status_code = self.status
        if method == "POST":
            self.runtime.update({k: str(v) for k, v in (params or {}).items()})
            response._content = b"OK\n" if self.status == 200 else b"bad key\n"
        else:
            response._content = requests.compat.json.dumps({"entries": {
                k: {"final_value": v} for k, v in self.runtime.items()}}).encode()
        return response


@pytest.fixture
def admin(monkeypatch):
    fake = FakeAdmin()
    monkeypatch.setattr(admin_client.requests, "request", fake)
    return fake


def test_delay_sets_the_runtime_keys_of_that_service_on_the_admin_port(admin):
    fault = envoy.delay(TOPOLOGY, "catalog", 250, 40)
    method, url, params = admin.calls[0]
    assert (method, url) == ("POST", "http://127.0.0.1:10301/runtime_modify")
    keys = fault_keys("catalog")
    assert params == {keys["delay_ms"]: 250, keys["delay_percent"]: 40}
    assert fault.shown() == "delay 250 ms on 40% of calls to catalog"


def test_active_reads_back_delays_and_aborts_and_clear_turns_them_off(admin):
    envoy.delay(TOPOLOGY, "catalog", 250, 40)
    envoy.abort(TOPOLOGY, "payment", 503, 100)
    assert [f.shown() for f in envoy.active(TOPOLOGY)] == [
        "delay 250 ms on 40% of calls to catalog", "abort 503 on 100% of calls to payment"]
    envoy.clear(TOPOLOGY, "payment")
    assert [f.service for f in envoy.active(TOPOLOGY)] == ["catalog"]
    envoy.clear(TOPOLOGY)
    assert envoy.active(TOPOLOGY) == []
    assert admin.calls[-2][2] == {k: v for name in TOPOLOGY.names()
                                  for k, v in fault_defaults(name).items()}


def test_envoy_refusing_the_change_is_reported(monkeypatch):
    monkeypatch.setattr(admin_client.requests, "request", FakeAdmin(status=400))
    with pytest.raises(envoy.EnvoyFaultError, match="bad key"):
        envoy.abort(TOPOLOGY, "payment", 503)


def test_no_admin_listening_says_to_check_the_stack(monkeypatch):
    def refuse(*args, **kwargs):
        raise requests.ConnectionError("refused")

    monkeypatch.setattr(admin_client.requests, "request", refuse)
    with pytest.raises(envoy.EnvoyFaultError, match="is the stack up"):
        envoy.delay(TOPOLOGY, "catalog", 100)


@pytest.mark.parametrize("call", [
    lambda: envoy.delay(TOPOLOGY, "catalog", 60_001),
    lambda: envoy.delay(TOPOLOGY, "catalog", 100, -1),
    lambda: envoy.abort(TOPOLOGY, "catalog", 302),
    lambda: envoy.abort(TOPOLOGY, "nowhere", 503),
    lambda: envoy.clear(TOPOLOGY, "nowhere"),
])
def test_nonsense_is_refused_before_envoy_is_called(admin, call):
    with pytest.raises(BadFaultInput):
        call()
    assert admin.calls == []
