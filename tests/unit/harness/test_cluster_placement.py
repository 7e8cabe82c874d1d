"""Placement of the shop on the cluster: frontend on the edge, a replica of every other
service on every app host, stores and Prometheus on the data host."""
import pytest

from harness.cluster import placement
from harness.model.topology import Topology
from tests.cluster.fakes import cluster


def test_the_frontend_runs_on_the_edge_and_every_other_service_on_each_app_host():
    made = cluster(3)
    topology = placement.topology(made)
    assert [e.host for e in topology.endpoints("frontend")] == ["10.77.0.10"]
    for name in topology.names():
        if name != "frontend":
            assert [e.host for e in topology.endpoints(name)] == ["10.77.0.11", "10.77.0.12"]


def test_losing_one_app_host_leaves_a_replica_of_every_service():
    made = cluster(3)
    topology = placement.topology(made)
    app2 = made.host("app2")
    survivors = {e.service for name in topology.names() for e in topology.endpoints(name)
                 if e.host != app2.address}
    assert survivors == set(topology.names())


def test_one_host_runs_everything():
    made = cluster(1)
    topology = placement.topology(made)
    assert len(placement.replicas_on(topology, made.host("edge1"))) == len(topology.names())


@pytest.mark.parametrize("host_count, app_hosts", [(1, 1), (3, 2), (4, 2)])
def test_replicas_per_service_follow_the_app_hosts(host_count, app_hosts):
    topology = placement.topology(cluster(host_count))
    assert topology.service("catalog").replicas == app_hosts
    assert topology.service("frontend").replicas == 1


def test_ports_are_the_topologys_own_and_the_mesh_stays_on_loopback():
    topology = placement.topology(cluster(3))
    assert topology.mesh_url() == "http://127.0.0.1:10000"
    assert [e.port for e in topology.endpoints("cart")] == [7020, 7021]


def test_edge_and_prometheus_urls_point_at_their_hosts():
    made = cluster(4)
    topology = placement.topology(made, Topology())
    assert placement.edge_url(made, topology) == "https://10.77.0.10:8443"
    assert placement.prometheus_url(made, topology) == "http://10.77.0.13:9090"


def test_store_urls_carry_the_data_host_and_the_passwords():
    stores = placement.Stores("10.77.0.13", "pw-db", "pw-redis")
    assert stores.database_url() == "postgresql://astroshop:pw-db@10.77.0.13:5432/astroshop"
    assert stores.redis_url() == "redis://:pw-redis@10.77.0.13:6379/0"
