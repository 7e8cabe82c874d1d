"""Unit tests of the Envoy runtime faults: which keys are sent to the admin's Unix socket, and
what is read back (a small HTTP server on that socket stands in for Envoy's admin)."""
import json
import socketserver
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit

import pytest

from harness.envoy.filters import fault_defaults, fault_keys
from harness.faults import envoy
from harness.faults.values import BadFaultInput
from harness.stack.options import StackOptions
from harness.stack.runner import Stack


class FakeAdmin(BaseHTTPRequestHandler):
    """Records admin calls; answers GET /runtime from what was set."""

    calls: list = []
    runtime: dict = {}
    status = 200

    def answer(self, body: bytes) -> None:
        self.send_response(self.status)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        url = urlsplit(self.path)
        params = {k: int(v) for k, v in parse_qsl(url.query)}
        self.calls.append(("POST", url.path, params))
        self.runtime.update({k: str(v) for k, v in params.items()})
        self.answer(b"OK\n" if self.status == 200 else b"bad key\n")

    def do_GET(self):
        self.calls.append(("GET", urlsplit(self.path).path, {}))
        self.answer(json.dumps({"entries": {k: {"final_value": v}
                                            for k, v in self.runtime.items()}}).encode())

    def address_string(self):
        return "admin-socket"

    def log_message(self, *args):
        """Quiet."""


class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


@pytest.fixture
def stack(tmp_path):
    stack = Stack.at(tmp_path)
    stack.paths.ensure()
    StackOptions(port_offset=400).save(stack.paths)
    return stack


@pytest.fixture
def admin(stack):
    handler = type("Admin", (FakeAdmin,), {"calls": [], "runtime": {}})
    server = UnixServer(str(stack.paths.envoy_admin), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield handler
    server.shutdown()
    server.server_close()


def test_delay_sets_the_runtime_keys_of_that_service_through_the_admin_socket(stack, admin):
    fault = envoy.delay(stack, "catalog", 250, 40)
    keys = fault_keys("catalog")
    assert admin.calls == [("POST", "/runtime_modify",
                            {keys["delay_ms"]: 250, keys["delay_percent"]: 40})]
    assert fault.shown() == "delay 250 ms on 40% of calls to catalog"


def test_active_reads_back_delays_and_aborts_and_clear_turns_them_off(stack, admin):
    envoy.delay(stack, "catalog", 250, 40)
    envoy.abort(stack, "payment", 503, 100)
    assert [f.shown() for f in envoy.active(stack)] == [
        "delay 250 ms on 40% of calls to catalog", "abort 503 on 100% of calls to payment"]
    envoy.clear(stack, "payment")
    assert [f.service for f in envoy.active(stack)] == ["catalog"]
    envoy.clear(stack)
    assert envoy.active(stack) == []
    assert admin.calls[-2][2] == {k: v for name in stack.topology().names()
                                  for k, v in fault_defaults(name).items()}


def test_envoy_refusing_the_change_is_reported(stack, admin):
    admin.status = 400
    with pytest.raises(envoy.EnvoyFaultError, match="bad key"):
        envoy.abort(stack, "payment", 503)


def test_no_admin_socket_says_to_check_the_stack(stack):
    with pytest.raises(envoy.EnvoyFaultError, match="is the stack up"):
        envoy.delay(stack, "catalog", 100)


@pytest.mark.parametrize("call", [
    lambda stack: envoy.delay(stack, "catalog", 60_001),
    lambda stack: envoy.delay(stack, "catalog", 100, -1),
    lambda stack: envoy.abort(stack, "catalog", 302),
    lambda stack: envoy.abort(stack, "nowhere", 503),
    lambda stack: envoy.clear(stack, "nowhere"),
])
def test_nonsense_is_refused_before_envoy_is_called(stack, admin, call):
    with pytest.raises(BadFaultInput):
        call(stack)
    assert admin.calls == []
