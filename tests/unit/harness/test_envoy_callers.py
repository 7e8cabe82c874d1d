"""The mesh per caller, as rendered for every site: one listener per service at its own port,
whose routes are exactly its declared calls, 403 problem+json for every other service; the
unrestricted listener only where the harness reads evidence (the local stack)."""
from dataclasses import replace
from pathlib import Path

import pytest

from harness import envoy
from harness.cluster import placement, sites
from harness.containers.topology import ENVOY_SITE, container_topology
from harness.model.topology import Topology
from harness.paths import RunPaths
from harness.stack.edge import local_site
from tests.cluster.fakes import cluster

MADE = cluster(3)
SITES = {
    "local": (Topology().shifted(300), local_site(RunPaths(Path("/run-dir")), False)),
    "containers": (container_topology(), ENVOY_SITE),
    "cluster app host": (placement.topology(MADE), sites.envoy_site(MADE.host("app1"))),
}


def listeners(topology, site) -> dict:
    """name -> listener of the site's bootstrap."""
    rendered = envoy.render(topology, site)
    return {item["name"]: item for item in rendered["static_resources"]["listeners"]}


def virtual_hosts(item: dict) -> list[dict]:
    manager = item["filter_chains"][0]["filters"][0]["typed_config"]
    return manager["route_config"]["virtual_hosts"]


@pytest.mark.parametrize("name", SITES)
def test_each_service_has_a_listener_routing_only_its_declared_calls(name):
    topology, site = SITES[name]
    found = listeners(topology, site)
    for service in topology.services:
        item = found[f"mesh_{service.name}"]
        assert item["address"]["socket_address"]["port_value"] == topology.mesh_ports()[
            service.name]
        hosts = {vhost["name"]: vhost for vhost in virtual_hosts(item)}
        assert list(hosts) == [*service.calls, "undeclared", "unknown-service"]
        refused = hosts["undeclared"]
        assert {d for d in refused["domains"] if ":" not in d} == (
            set(topology.names()) - set(service.calls))
        assert refused["routes"][0]["direct_response"]["status"] == 403


@pytest.mark.parametrize("name", SITES)
def test_the_unrestricted_mesh_listener_is_the_local_stacks_only(name):
    topology, site = SITES[name]
    assert ("mesh" in listeners(topology, site)) == (name == "local")


def test_every_replica_is_given_its_own_listener_as_its_mesh_url():
    topology = Topology().shifted(300)
    ports = topology.mesh_ports()
    assert sorted(ports.values()) == list(range(10301, 10301 + len(topology.services)))
    assert topology.mesh_url("payment") == f"http://127.0.0.1:{ports['payment']}"
    assert topology.mesh_url() == "http://127.0.0.1:10300"


def test_a_new_call_in_the_model_opens_exactly_that_route():
    base = Topology()
    services = tuple(replace(s, calls=("catalog",)) if s.name == "ads" else s
                     for s in base.services)
    found = listeners(replace(base, services=services), ENVOY_SITE)
    assert [vhost["name"] for vhost in virtual_hosts(found["mesh_ads"])] == [
        "catalog", "undeclared", "unknown-service"]
