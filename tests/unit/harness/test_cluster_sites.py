"""The cluster's sites. Each host's Envoy: every replica of every host, the public listener on
the edge only (on its address), every caller's mesh listener on loopback, the admin on a Unix
socket, stats for Prometheus on the host address; the real binary accepts every host's bootstrap. Prometheus on the data host: every
replica, every Envoy's stats listener, a host label on each target; promtool accepts it."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from harness import envoy, prometheus_config
from harness.cluster import placement, sites
from harness.model.topology import ENVOY_STATS_PORT
from tests.cluster.fakes import cluster
from tests.support import tls

ENVOY = Path(sys.executable).parent / "envoy"
MADE = cluster(3)
TOPOLOGY = placement.topology(MADE)


def bootstrap(host_name: str) -> dict:
    """The Envoy bootstrap of one host."""
    return envoy.render(TOPOLOGY, sites.envoy_site(MADE.host(host_name)))


def listeners(host_name: str) -> dict:
    """name -> (address, port) of the listeners of one host's bootstrap."""
    config = bootstrap(host_name)
    return {item["name"]: (item["address"]["socket_address"]["address"],
                           item["address"]["socket_address"]["port_value"])
            for item in config["static_resources"]["listeners"]}


def test_every_service_has_its_own_mesh_listener_and_none_routes_everything():
    found = listeners("app1")
    assert "mesh" not in found
    assert {name: address for name, address in found.items() if name.startswith("mesh_")} == {
        f"mesh_{name}": ("127.0.0.1", port) for name, port in TOPOLOGY.mesh_ports().items()}


def test_the_edge_serves_the_public_listener_on_its_address():
    assert listeners("edge1")["public"] == ("10.77.0.10", 8080)


def test_app_hosts_have_no_public_listener():
    assert "public" not in listeners("app1")


@pytest.mark.parametrize("host_name", ["edge1", "app1", "app2"])
def test_the_admin_is_a_private_socket_and_only_stats_are_exposed(host_name):
    config = bootstrap(host_name)
    host = MADE.host(host_name)
    assert config["admin"]["address"] == {"pipe": {"path": f"{host.host_dir}/run/envoy/admin.sock",
                                                   "mode": 0o600}}
    assert listeners(host_name)["stats"] == ("0.0.0.0", ENVOY_STATS_PORT)


def test_every_envoy_knows_every_replica_on_every_host():
    config = bootstrap("app1")
    clusters = {c["name"]: c for c in config["static_resources"]["clusters"]}
    endpoints = [e["endpoint"]["address"]["socket_address"]
                 for e in clusters["catalog"]["load_assignment"]["endpoints"][0]["lb_endpoints"]]
    assert [(e["address"], e["port_value"]) for e in endpoints] == [("10.77.0.11", 7010),
                                                                     ("10.77.0.12", 7011)]


def test_the_stats_listener_exposes_only_stats_and_readiness():
    stats = next(item for item in bootstrap("app2")
                 ["static_resources"]["listeners"] if item["name"] == "stats")
    text = yaml.safe_dump(stats)
    routes = stats["filter_chains"][0]["filters"][0]["typed_config"]["route_config"][
        "virtual_hosts"][0]["routes"]
    assert [r["match"].get("path") for r in routes[:-1]] == ["/stats/prometheus", "/ready"]
    assert routes[-1]["direct_response"]["status"] == 404
    assert "runtime_modify" not in text and "quitquitquit" not in text


@pytest.mark.parametrize("host_name", ["edge1", "app1"])
def test_the_real_envoy_accepts_each_hosts_bootstrap(host_name, tmp_path):
    result = tls.validate(bootstrap(host_name), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_edge_is_tls_only_with_its_certificate_from_the_host_layout():
    assert listeners("edge1")["public_https"] == ("10.77.0.10", 8443)
    https = next(item for item in bootstrap("edge1")["static_resources"]["listeners"]
                 if item["name"] == "public_https")
    source = https["filter_chains"][0]["transport_socket"]["typed_config"]["common_tls_context"][
        "tls_certificate_sds_secret_configs"][0]["sds_config"]["path_config_source"]["path"]
    assert source == f"{MADE.one('edge').host_dir}/etc/envoy/tls/sds.yaml"
    plain = next(item for item in bootstrap("edge1")["static_resources"]["listeners"]
                 if item["name"] == "public")
    routes = plain["filter_chains"][0]["filters"][0]["typed_config"]["route_config"][
        "virtual_hosts"][0]["routes"]
    assert routes[0]["redirect"] == {"https_redirect": True, "port_redirect": 8443,
                                     "response_code": "MOVED_PERMANENTLY"}
    assert routes[1]["direct_response"]["status"] == 403


def test_the_edge_envoy_is_named_after_its_host_and_the_admin_is_behind_stats():
    config = bootstrap("edge1")
    assert config["node"]["id"] == "astroshop-envoy-edge1"
    names = [c["name"] for c in config["static_resources"]["clusters"]]
    # every service's cluster, then its canary's (on the first host of the service), the admin
    assert names == [*(n for s in TOPOLOGY.names() for n in (s, f"{s}-canary")), "envoy-admin"]
    canary = next(c for c in config["static_resources"]["clusters"]
                  if c["name"] == "catalog-canary")
    address = canary["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]["address"]
    assert address["socket_address"] == {
        "address": TOPOLOGY.endpoints("catalog")[0].host, "port_value": 7160}


def prometheus(rules_dir: str = "/srv/rules") -> dict:
    """The data host's prometheus.yml."""
    return prometheus_config.render(TOPOLOGY, sites.scrape_site(MADE, rules_dir))


def jobs(rules_dir: str = "/srv/rules") -> dict:
    """job name -> job of the rendered config."""
    return {job["job_name"]: job for job in prometheus(rules_dir)["scrape_configs"]}


def test_envoy_is_scraped_on_every_hosts_stats_listener():
    job = jobs()["envoy"]
    assert job["metrics_path"] == "/stats/prometheus"
    assert [(group["targets"], group["labels"]["host"]) for group in job["static_configs"]] == [
        (["10.77.0.10:9902"], "edge1"), (["10.77.0.11:9902"], "app1"),
        (["10.77.0.12:9902"], "app2")]


def test_every_replica_is_a_target_labelled_with_its_host():
    catalog = jobs()["catalog"]["static_configs"]
    assert [(g["targets"], g["labels"]["host"], g["labels"]["replica"]) for g in catalog] == [
        (["10.77.0.11:7010"], "app1", "0"), (["10.77.0.12:7011"], "app2", "1")]


def test_every_service_has_a_job():
    assert set(TOPOLOGY.names()) <= set(jobs())


def test_rule_files_are_read_from_the_data_hosts_folder():
    config = prometheus("/srv/hosts/edge1/etc/prometheus/rules")
    assert config["rule_files"] == ["/srv/hosts/edge1/etc/prometheus/rules/*.yml"]


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool (Debian prometheus) is not installed")
def test_promtool_accepts_the_config(tmp_path):
    path = tmp_path / "prometheus.yml"
    path.write_text(yaml.safe_dump(prometheus(str(tmp_path / "rules"))))
    result = subprocess.run(["promtool", "check", "config", "--syntax-only", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
