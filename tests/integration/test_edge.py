"""The public edge (Envoy :8080): routing, limits and what must not be exposed."""
import os
import stat
import time

import psutil
import pytest
import requests

from harness.envoy.bootstrap import UNUSED_HISTOGRAMS


@pytest.fixture(scope="module")
def edge(stack):
    return stack.options().topology().public_url()


@pytest.mark.parametrize("path", ["/api/nope", "/api/products-x", "/wp-admin", "/metrics",
                                  "/healthz", "/readyz", "/openapi.json", "/stats",
                                  "/clusters", "/server_info", "/convert", "/charges",
                                  "/outbox"])
def test_unknown_and_internal_paths_are_404_at_the_edge(edge, path):
    response = requests.get(edge + path, timeout=5)
    assert response.status_code == 404, response.text[:200]
    assert "astroshop_http_requests_total" not in response.text


def test_wrong_method_is_405_with_allow(edge):
    response = requests.delete(edge + "/api/products", timeout=5)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


def test_api_write_without_json_is_415(edge):
    response = requests.post(edge + "/api/carts/abc/items", data="product_id=x",
                             headers={"Content-Type": "application/x-www-form-urlencoded"},
                             timeout=5)
    assert response.status_code == 415


def test_body_over_64_kib_is_413(edge):
    response = requests.post(edge + "/api/carts/abc/items", data=b"{" + b" " * 70_000 + b"}",
                             headers={"Content-Type": "application/json"}, timeout=5)
    assert response.status_code == 413


def test_every_response_carries_a_request_id(edge):
    response = requests.get(edge + "/api/products", timeout=5)
    assert response.status_code == 200
    assert len(response.headers["x-request-id"]) >= 16


def test_the_admin_is_a_unix_socket_only_this_user_may_open(stack):
    socket_path = stack.paths.envoy_admin
    mode = socket_path.stat()
    assert stat.S_ISSOCK(mode.st_mode) and stat.S_IMODE(mode.st_mode) == 0o600
    assert mode.st_uid == os.getuid()
    assert stack.envoy_admin().request("GET", "/ready").status == 200
    topology = stack.options().topology()
    envoy_pid = stack.control().getProcessInfo("envoy")["pid"]
    tcp = {c.laddr.port for c in psutil.Process(envoy_pid).net_connections("tcp")
           if c.status == psutil.CONN_LISTEN}
    assert topology.admin_port not in tcp
    assert tcp == {topology.public_port, topology.https_port, topology.stats_port,
                   *topology.mesh_ports().values(), topology.mesh_port}


def test_the_stats_listener_serves_stats_and_readiness_and_nothing_that_changes_state(stack):
    stats = f"http://127.0.0.1:{stack.options().topology().stats_port}"
    assert requests.get(f"{stats}/ready", timeout=5).status_code == 200
    assert "envoy_server_live" in requests.get(f"{stats}/stats/prometheus", timeout=5).text
    for method, path in (("POST", "/runtime_modify?x=1"), ("POST", "/quitquitquit"),
                         ("GET", "/config_dump"), ("POST", "/logging?level=trace")):
        assert requests.request(method, stats + path, timeout=5).status_code == 404, path


def test_the_unused_histograms_are_never_made_and_the_request_times_are(stack, edge):
    requests.get(f"{edge}/api/products", timeout=5)
    stats = f"http://127.0.0.1:{stack.options().topology().stats_port}/stats/prometheus"
    names = {line.split("{")[0].split(" ")[0] for line in requests.get(stats, timeout=5)
             .text.splitlines() if line and not line.startswith("#")}
    assert "envoy_cluster_upstream_rq_time_bucket" in names
    assert "envoy_http_downstream_rq_time_bucket" in names
    assert "envoy_cluster_upstream_cx_total" in names  # counters of the same clusters stay
    for unused in UNUSED_HISTOGRAMS:
        assert not [name for name in names if unused in name], unused


def test_checkout_burst_is_rate_limited_with_retry_after(edge, stack):
    burst = stack.options().topology().checkout_burst
    session = requests.Session()
    limited = None
    for _ in range(burst * 3):
        response = session.post(edge + "/api/checkout", json={}, timeout=5)
        if response.status_code == 429:
            limited = response
            break
    assert limited is not None, f"no 429 within {burst * 3} rapid checkouts"
    assert int(limited.headers["Retry-After"]) >= 1
    time.sleep(2.5)  # let the bucket refill so later tests are not throttled
