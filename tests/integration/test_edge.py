"""The public edge (Envoy :8080): routing, limits and what must not be exposed."""
import time

import pytest
import requests


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


def test_admin_listens_on_loopback_only(stack):
    topology = stack.options().topology()
    assert requests.get(f"http://127.0.0.1:{topology.admin_port}/ready", timeout=5).ok
    import psutil
    admin = [c for c in psutil.net_connections("tcp")
             if c.status == "LISTEN" and c.laddr.port == topology.admin_port]
    assert admin and all(c.laddr.ip == "127.0.0.1" for c in admin)


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
