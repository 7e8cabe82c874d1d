"""The cluster's monitoring from the root namespace: Alertmanager routes an alert to the
receiver on the monitoring host, Prometheus scrapes node_exporter on every host and the
stores' exporters, and the host and store dashboards verify against it."""
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
import requests

from harness.cluster.model import Cluster
from harness.polling import poll_until
from harness.shopclient import ShopClient, scripted_purchase
from tests.cluster import session


@pytest.fixture(scope="module")
def urls(cluster_root) -> dict:
    result = session.astroshop(cluster_root, "cluster", "status", "--json")
    return json.loads(result.stdout)


def test_a_page_posted_to_alertmanager_reaches_the_receiver(urls):
    marker = uuid.uuid4().hex[:8]
    now = datetime.now(timezone.utc)
    alert = {"labels": {"alertname": "ClusterCheck", "severity": "page", "slo": marker},
             "annotations": {"summary": f"cluster check {marker}"},
             "startsAt": now.isoformat(), "endsAt": (now + timedelta(minutes=2)).isoformat()}
    posted = requests.post(f"{urls['alertmanager_url']}/api/v2/alerts", json=[alert], timeout=10)
    assert posted.ok, posted.text

    def received():
        listed = requests.get(f"{urls['receiver_url']}/notifications", timeout=10).json()
        return [n for n in listed["notifications"] if n["objective"] == marker]

    found = poll_until(received, 90, f"the page {marker} at the receiver (group wait 30 s)")
    assert found[0]["status"] == "firing" and found[0]["severity"] == "page"


def test_prometheus_scrapes_node_exporter_everywhere_and_the_stores_exporters(urls, paths):
    cluster = Cluster.load(paths)

    def jobs_up():
        answer = requests.get(f"{urls['prometheus_url']}/api/v1/query", timeout=10, params={
            "query": 'up{job=~"node|postgres|redis|alertmanager"} == 1'}).json()
        return answer["data"]["result"] if len(answer["data"]["result"]) == len(
            cluster.hosts) + 3 else None

    up = poll_until(jobs_up, 60, "every exporter and Alertmanager up")
    assert sorted(r["metric"]["host"] for r in up if r["metric"]["job"] == "node") == sorted(
        host.name for host in cluster.hosts)


def test_the_host_and_store_dashboards_verify_against_the_clusters_prometheus(
        cluster_root, urls):
    shop = ShopClient(urls["edge_url"])
    for _ in range(3):
        scripted_purchase(shop)
    poll_until(lambda: requests.get(f"{urls['prometheus_url']}/api/v1/query", timeout=10, params={
        "query": "count(rate(node_cpu_seconds_total[1m]))"}).json()["data"]["result"],
        60, "two node_exporter samples")
    result = session.astroshop(cluster_root, "dashboards", "verify", "--url",
                               urls["prometheus_url"], "--dashboard", "astroshop-hosts",
                               "--dashboard", "astroshop-postgres", "--dashboard",
                               "astroshop-redis")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "ok 3 dashboards" in result.stdout
