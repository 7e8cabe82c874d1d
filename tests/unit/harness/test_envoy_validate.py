"""Every Envoy config the topology can produce passes the real binary's `--mode validate`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from harness import envoy
from harness.envoy import edge
from harness.k8s.tree import K8S_DIR
from harness.model.topology import Topology
from tests.support import tls

ENVOY = Path(sys.executable).parent / "envoy"

TOPOLOGIES = {
    "default": Topology(),
    "catalog-and-cart-replicated": Topology().with_replicas({"catalog": 2, "cart": 3}),
    "shifted": Topology().shifted(300),
    "placed-on-three-hosts": Topology().placed({"catalog": ("10.9.0.2", "10.9.0.3"),
                                                "cart": ("10.9.0.2", "10.9.0.3")}),
}


@pytest.mark.parametrize("name", TOPOLOGIES)
def test_rendered_config_passes_envoy_validate(name, tmp_path):
    config = envoy.write(TOPOLOGIES[name], tmp_path / "envoy.yaml")
    result = subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(config),
                             "--log-level", "warning"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"envoy rejected the {name} config:\n{result.stdout}{result.stderr}"
    assert "Deprecated" not in result.stdout + result.stderr, "a field Envoy will remove"


def test_every_replica_is_an_endpoint_of_its_cluster():
    topology = TOPOLOGIES["placed-on-three-hosts"]
    clusters = {c["name"]: c for c in envoy.render(topology)["static_resources"]["clusters"]}
    catalog = clusters["catalog"]["load_assignment"]["endpoints"][0]["lb_endpoints"]
    addresses = [e["endpoint"]["address"]["socket_address"] for e in catalog]
    assert [(a["address"], a["port_value"]) for a in addresses] == [("10.9.0.2", 7010),
                                                                     ("10.9.0.3", 7011)]


def test_admin_is_on_loopback_and_not_a_public_route():
    rendered = envoy.render(Topology())
    assert rendered["admin"]["address"]["socket_address"]["address"] == "127.0.0.1"
    text = yaml.safe_dump(rendered)
    assert "/stats" not in text and "/clusters" not in text


def tls_site(root: Path, tls_only: bool) -> envoy.EnvoySite:
    """The local site with its certificate issued under `root`."""
    return envoy.EnvoySite(tls=tls.local_certificate(root), tls_only=tls_only)


@pytest.mark.parametrize("tls_only", [False, True], ids=["plain-kept", "tls-only"])
def test_the_https_edge_passes_envoy_validate(tmp_path, tls_only):
    rendered = envoy.render(Topology().shifted(300), tls_site(tmp_path, tls_only))
    result = tls.validate(rendered, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Deprecated" not in result.stdout + result.stderr, "a field Envoy will remove"


def test_the_production_overlays_tls_only_envoy_passes_envoy_validate(tmp_path):
    config = yaml.safe_load((K8S_DIR / "overlays" / "production" / "config" / "envoy.yaml")
                            .read_text())
    result = tls.validate(config, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def public_listeners(rendered: dict) -> dict[str, dict]:
    """The public listeners' connection managers, by listener name."""
    return {item["name"]: item["filter_chains"][0]["filters"][0]["typed_config"]
            for item in rendered["static_resources"]["listeners"]
            if item["name"].startswith("public")}


def test_both_public_listeners_count_as_the_one_public_edge(tmp_path):
    managers = public_listeners(envoy.render(Topology(), tls_site(tmp_path, False)))
    assert {m["stat_prefix"] for m in managers.values()} == {"public"}
    assert {m["route_config"]["virtual_hosts"][0]["name"] for m in managers.values()} == {"public"}
    filters = {name: [f["name"] for f in m["http_filters"]] for name, m in managers.items()}
    assert edge.HSTS_FILTER in filters["public_https"] and edge.HSTS_FILTER not in filters["public"]
    for chain in filters.values():
        assert chain[-2:] == [edge.CACHE_FILTER, "envoy.filters.http.router"]
        assert chain.index("envoy.filters.http.compressor.brotli") < chain.index(edge.CACHE_FILTER)


def test_the_cache_is_on_only_for_the_routes_the_model_marks_cached(tmp_path):
    managers = public_listeners(envoy.render(Topology(), tls_site(tmp_path, False)))
    routes = managers["public_https"]["route_config"]["virtual_hosts"][0]["routes"]
    cached = {r["name"] for r in routes if edge.CACHE_FILTER in r.get("typed_per_filter_config", {})}
    assert cached == {"catalog:/api/products", "catalog:/api/categories", "frontend:/static/",
                      "frontend:/favicon.ico"}
    https = next(i for i in envoy.render(Topology(), tls_site(tmp_path, False))
                 ["static_resources"]["listeners"] if i["name"] == "public_https")
    context = https["filter_chains"][0]["transport_socket"]["typed_config"]["common_tls_context"]
    assert context["tls_params"]["tls_minimum_protocol_version"] == "TLSv1_2"
    assert context["alpn_protocols"] == ["h2", "http/1.1"]


def test_tls_only_leaves_plain_http_a_redirect_and_a_refusal(tmp_path):
    managers = public_listeners(envoy.render(Topology(), tls_site(tmp_path, True)))
    routes = managers["public"]["route_config"]["virtual_hosts"][0]["routes"]
    assert managers["public"]["stat_prefix"] == "public_redirect"
    assert routes[0]["redirect"]["port_redirect"] == 8443
    assert routes[1]["direct_response"]["status"] == 403
