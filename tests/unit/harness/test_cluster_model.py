"""The cluster's description: built from Terraform's outputs, saved and loaded as JSON."""
import pytest

from harness.cluster.model import Cluster
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError
from tests.cluster.fakes import cluster


def test_hosts_are_in_address_order_with_their_roles():
    made = cluster(4)
    assert [(h.name, h.address, h.roles) for h in made.hosts] == [
        ("edge1", "10.77.0.10", ("edge",)), ("app1", "10.77.0.11", ("app",)),
        ("app2", "10.77.0.12", ("app",)), ("data1", "10.77.0.13", ("data",))]
    assert made.one("data").name == "data1"
    assert [h.name for h in made.with_role("app")] == ["app1", "app2"]


def test_a_cluster_survives_a_round_trip_through_json(tmp_path):
    paths = ClusterPaths(tmp_path)
    made = cluster(3)
    made.save(paths)
    assert Cluster.load(paths) == made


def test_unknown_hosts_and_missing_clusters_say_what_to_do(tmp_path):
    with pytest.raises(ClusterError, match="hosts: edge1, app1, app2"):
        cluster(3).host("app9")
    with pytest.raises(ClusterError, match="astroshop cluster up"):
        Cluster.load(ClusterPaths(tmp_path))
    with pytest.raises(ClusterError, match="roles: edge, app, data"):
        cluster(3).with_role("db")
