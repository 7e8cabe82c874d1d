"""Each host's Envoy: every replica of every host, the public listener on the edge only (on
its address), admin and mesh on loopback, stats for Prometheus on the host address; and the
real binary accepts every host's bootstrap."""
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from harness.cluster import envoy_host, placement
from harness.containers.topology import ENVOY_STATS_PORT
from tests.cluster.fakes import cluster

ENVOY = Path(sys.executable).parent / "envoy"
MADE = cluster(3)
TOPOLOGY = placement.topology(MADE)


def listeners(host_name: str) -> dict:
    """name -> (address, port) of the listeners of one host's bootstrap."""
    config = envoy_host.bootstrap(TOPOLOGY, MADE.host(host_name))
    return {item["name"]: (item["address"]["socket_address"]["address"],
                           item["address"]["socket_address"]["port_value"])
            for item in config["static_resources"]["listeners"]}


def test_the_edge_serves_the_public_listener_on_its_address():
    assert listeners("edge1")["public"] == ("10.77.0.10", 8080)


def test_app_hosts_have_no_public_listener():
    assert "public" not in listeners("app1")


@pytest.mark.parametrize("host_name", ["edge1", "app1", "app2"])
def test_mesh_and_admin_stay_on_loopback_and_only_stats_are_exposed(host_name):
    config = envoy_host.bootstrap(TOPOLOGY, MADE.host(host_name))
    assert config["admin"]["address"]["socket_address"]["address"] == "127.0.0.1"
    assert listeners(host_name)["mesh"] == ("127.0.0.1", 10000)
    assert listeners(host_name)["stats"] == ("0.0.0.0", ENVOY_STATS_PORT)


def test_every_envoy_knows_every_replica_on_every_host():
    config = envoy_host.bootstrap(TOPOLOGY, MADE.host("app1"))
    clusters = {c["name"]: c for c in config["static_resources"]["clusters"]}
    endpoints = [e["endpoint"]["address"]["socket_address"]
                 for e in clusters["catalog"]["load_assignment"]["endpoints"][0]["lb_endpoints"]]
    assert [(e["address"], e["port_value"]) for e in endpoints] == [("10.77.0.11", 7010),
                                                                     ("10.77.0.12", 7011)]


def test_the_stats_listener_exposes_only_stats_and_readiness():
    stats = next(item for item in envoy_host.bootstrap(TOPOLOGY, MADE.host("app2"))
                 ["static_resources"]["listeners"] if item["name"] == "stats")
    text = yaml.safe_dump(stats)
    routes = stats["filter_chains"][0]["filters"][0]["typed_config"]["route_config"][
        "virtual_hosts"][0]["routes"]
    assert [r["match"].get("path") for r in routes[:-1]] == ["/stats/prometheus", "/ready"]
    assert routes[-1]["direct_response"]["status"] == 404
    assert "runtime_modify" not in text and "quitquitquit" not in text


@pytest.mark.parametrize("host_name", ["edge1", "app1"])
def test_the_real_envoy_accepts_each_hosts_bootstrap(host_name, tmp_path):
    path = tmp_path / "envoy.yaml"
    path.write_text(yaml.safe_dump(envoy_host.bootstrap(TOPOLOGY, MADE.host(host_name))))
    result = subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(path),
                             "--log-level", "error"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
