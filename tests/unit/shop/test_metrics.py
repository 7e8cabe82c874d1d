"""RED metrics of shop.common.metrics, through a real service app (the catalog)."""
from prometheus_client import generate_latest

import shop.catalog
from shop.common import metrics
from tests.unit.shop.samples import scraped as samples

SERVICE = shop.catalog  # the service conftest's `app` fixture builds


def count(client, **labels):
    """The requests counter for `labels` (0 when the series does not exist)."""
    return sum(value for found, value in samples(client, "astroshop_http_requests_total")
               if all(found.get(k) == v for k, v in labels.items()))


def test_requests_are_counted_by_route_template_never_by_id(client):
    product_id = client.get("/api/products").get_json()["products"][0]["id"]
    before = count(client, service="catalog", route="/api/products/<product_id>", status="200")
    assert client.get(f"/api/products/{product_id}").status_code == 200
    after = count(client, service="catalog", route="/api/products/<product_id>", status="200")
    assert after == before + 1
    routes = {labels["route"] for labels, _ in samples(client, "astroshop_http_requests_total")}
    assert not any(product_id in route for route in routes)


def test_latency_is_a_histogram_in_seconds_with_millisecond_buckets(client):
    client.get("/api/categories")
    buckets = {labels["le"] for labels, _ in samples(
        client, "astroshop_http_request_duration_seconds_bucket")
        if labels["route"] == "/api/categories"}
    assert {"0.001", "0.005", "0.3", "0.5", "+Inf"} <= buckets


def test_unknown_paths_share_one_route_label(client):
    before = count(client, route="unmatched", status="404")
    client.get("/no/such/thing/42")
    client.get("/another/7")
    assert count(client, route="unmatched", status="404") == before + 2


def test_health_and_metrics_endpoints_are_not_counted(client):
    client.get("/healthz")
    client.get("/metrics")
    routes = {labels["route"] for labels, _ in samples(client, "astroshop_http_requests_total")}
    assert not routes & metrics.SKIPPED


def test_server_error_series_exist_at_zero_before_any_error(client):
    declared = {(labels["route"], labels["method"], labels["status"])
                for labels, _ in samples(client, "astroshop_http_requests_total")}
    for status in ("500", "503"):
        assert ("/api/categories", "GET", status) in declared
    assert ("/api/categories", "HEAD", "500") not in declared


def test_the_multiprocess_registry_adds_process_metrics(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    text = generate_latest(metrics.registry()).decode()
    assert "process_resident_memory_bytes" in text and "process_cpu_seconds_total" in text


def test_each_status_of_one_route_has_its_own_series(client):
    """The children are looked up once per label set: a 404 after a 200 on the same route
    must count in its own series, not in the 200's."""
    route = "/api/products/<product_id>"
    product_id = client.get("/api/products").get_json()["products"][0]["id"]
    ok, missing = (count(client, service="catalog", route=route, status=s) for s in ("200", "404"))
    assert client.get(f"/api/products/{product_id}").status_code == 200
    assert client.get("/api/products/no-such-product").status_code == 404
    assert count(client, service="catalog", route=route, status="200") == ok + 1
    assert count(client, service="catalog", route=route, status="404") == missing + 1
