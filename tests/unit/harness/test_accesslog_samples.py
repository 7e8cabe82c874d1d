"""The access log as the gate and releases read it: a shopper's request counts at the edge
whichever public listener took it (plain HTTP or HTTPS); redirects and mesh hops do not."""
import json

from harness.envoy.accesslog import parse
from harness.gate import samples
from harness.model.edge import request_class


def line(listener: str, path: str, us: int, start: float = 100.5, status: int = 200) -> str:
    """One access log line as Envoy writes it."""
    return json.dumps({"listener": listener, "method": "GET", "path": path, "status": str(status),
                       "duration_ms": str(us // 1000), "duration_us": str(us),
                       "start_s": f"{start:.6f}", "upstream_cluster": "catalog"})


def test_both_public_listeners_are_the_edge_and_redirects_or_mesh_hops_are_not():
    assert parse(line("public", "/api/products", 2000)).public
    assert parse(line("public_https", "/api/products", 2000)).public
    assert not parse(line("public_redirect", "/api/products", 2000)).public
    assert not parse(line("mesh", "/api/products", 2000)).public


def test_the_gate_keeps_the_https_requests_durations_by_class(tmp_path):
    log = tmp_path / "envoy.log"
    log.write_text("\n".join([
        line("public_https", "/api/products", 2500), line("public", "/api/products", 1500),
        line("public_redirect", "/api/products", 100), line("mesh", "/api/products", 900),
        line("public_https", "/api/products", 7000, start=300.0),  # outside the window
        "[warning] not a request"]) + "\n")
    found = samples.collect(log, 100.0, 200.0)
    assert found == {request_class("GET", "/api/products"): [2.5, 1.5]}
