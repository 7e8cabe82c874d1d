"""Every Envoy config the topology can produce passes the real binary's `--mode validate`."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from harness import envoy
from harness.model.topology import Topology

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
                             "--log-level", "error"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"envoy rejected the {name} config:\n{result.stdout}{result.stderr}"


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
