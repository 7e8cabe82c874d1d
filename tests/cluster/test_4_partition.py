"""A partitioned app host (its link down, its processes alive): the edge keeps serving from
the other app host; healing the link brings the host's replicas back."""
import requests

from harness.certs import trust
from harness.cluster import netns, placement
from harness.cluster.model import Cluster
from harness.polling import poll_until
from tests.cluster import session


def test_a_partition_cuts_the_host_off_and_healing_restores_it(cluster_root, paths):
    cluster = Cluster.load(paths)
    topology = placement.topology(cluster)
    app1 = cluster.host("app1")
    catalog = next(e for e in topology.endpoints("catalog") if e.host == app1.address)
    edge = placement.edge_url(cluster, topology)
    result = session.astroshop(cluster_root, "cluster", "fault", "partition", "app1")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not netns.link_up(app1.namespace)
    assert netns.namespace_pids(app1), "a partition must not stop the host's processes"
    edge_host, url = cluster.one("edge"), f"http://{catalog.address}/healthz"
    assert session.as_envoy(cluster, edge_host, url) != "200", "the edge still reaches app1"
    poll_until(lambda: requests.get(f"{edge}/api/products", timeout=10,
                                             verify=trust.verify()).ok,
               30, "the edge serving the catalog from the other app host")
    healed = session.astroshop(cluster_root, "cluster", "fault", "recover", "app1")
    assert healed.returncode == 0, healed.stdout + healed.stderr
    assert netns.link_up(app1.namespace)
    assert session.as_envoy(cluster, edge_host, url) == "200"
