"""The cluster from the root namespace: the edge is the entry point, Prometheus scrapes every
target, admin ports stay private, and the smoke BDD suite and smoke gate pass unchanged."""
import json

import pytest
import requests

from harness.cluster.model import Cluster
from harness.model.services import SERVICES
from harness.polling import poll_until
from harness.shopclient import ShopClient, scripted_purchase
from tests.cluster import session


@pytest.fixture(scope="module")
def urls(cluster_root) -> dict:
    result = session.astroshop(cluster_root, "cluster", "status", "--json")
    return json.loads(result.stdout)


def test_a_purchase_through_the_edge_can_be_read_back(urls):
    client = ShopClient(urls["edge_url"])
    order = scripted_purchase(client)
    assert client.order(order["order_id"])["total"] == order["total"]


def test_prometheus_scrapes_every_envoy_and_every_replica(urls, paths):
    cluster = Cluster.load(paths)

    def all_up():
        targets = requests.get(f"{urls['prometheus_url']}/api/v1/targets", timeout=10).json()
        active = targets["data"]["activeTargets"]
        return active if all(t["health"] == "up" for t in active) else None

    active = poll_until(all_up, 60, "every Prometheus target up")
    envoys = sorted(t["labels"]["host"] for t in active if t["labels"]["job"] == "envoy")
    assert envoys == sorted(h.name for h in cluster.hosts)
    others = ("envoy", "prometheus", "alertmanager", "node", "postgres", "redis")
    replicas = [t for t in active if t["labels"]["job"] not in others]
    # the edge's one frontend; every other service on both app hosts
    assert len(replicas) == 1 + 2 * (len(SERVICES) - 1)


def test_envoy_admin_is_private_and_the_stats_listener_serves_only_stats(paths):
    app1 = Cluster.load(paths).host("app1")
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://{app1.address}:9901/stats", timeout=5)
    assert requests.get(f"http://{app1.address}:9902/stats/prometheus", timeout=10).ok
    assert requests.get(f"http://{app1.address}:9902/clusters", timeout=10).status_code == 404
    assert requests.post(f"http://{app1.address}:9902/quitquitquit", timeout=10).status_code == 404


def test_the_smoke_bdd_suite_passes_against_the_edge(cluster_root, urls):
    result = session.astroshop(cluster_root, "bdd", "--target", urls["edge_url"],
                               "--tags", "smoke", timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_the_smoke_gate_passes_against_the_edge_and_its_prometheus(cluster_root, urls):
    result = session.astroshop(cluster_root, "gate", "--profile", "smoke", "--target",
                               urls["edge_url"], "--prometheus", urls["prometheus_url"],
                               timeout=600)
    # a pass (0) or a pass with a warning (4); a fail is 1, a gate that cannot judge 3
    assert result.returncode in (0, 4), result.stdout[-3000:] + result.stderr[-2000:]
