"""Replicas are reached only through the cluster's Envoys (and scraped by its Prometheus): a
process in the root namespace, on the bridge, is refused a replica's port on every host, while
the shop still answers through the edge and Prometheus still scrapes every target."""
import pytest
import requests

from harness.certs import trust
from harness.cluster import placement, probe
from harness.cluster.model import Cluster
from harness.polling import poll_until


@pytest.fixture(scope="module")
def made(paths):
    cluster = Cluster.load(paths)
    return cluster, placement.topology(cluster)


def test_the_root_namespace_is_refused_every_hosts_replicas(made):
    cluster, topology = made
    for host in cluster.hosts:
        for endpoint in placement.replicas_on(topology, host):
            url = f"http://{endpoint.address}/readyz"
            with pytest.raises(requests.ConnectionError, match="refused"):
                requests.get(url, timeout=3)
            assert probe.inside(host, [url]) == {url: 200}, "the replica itself is up"


def test_the_shop_still_answers_through_the_edge(made):
    cluster, topology = made
    answer = requests.get(f"{placement.edge_url(cluster, topology)}/api/products", timeout=10,
                          verify=trust.verify())
    assert answer.status_code == 200 and answer.json()["products"]


def test_prometheus_still_scrapes_every_target(made):
    cluster, topology = made
    url = f"{placement.prometheus_url(cluster, topology)}/api/v1/targets"
    replicas = {e.address for name in topology.names() for e in topology.endpoints(name)}

    def all_up():
        active = requests.get(url, params={"state": "active"}, timeout=10).json()
        targets = active["data"]["activeTargets"]
        down = [(t["scrapeUrl"], t["lastError"]) for t in targets if t["health"] != "up"]
        return targets if targets and not down else None

    targets = poll_until(all_up, 90, "every Prometheus target up")
    scraped = {t["labels"]["instance"] for t in targets}
    assert replicas <= scraped, f"replicas not scraped: {sorted(replicas - scraped)}"
