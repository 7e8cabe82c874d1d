"""The engine and the cluster at once: with a dockerd running, the namespace hosts still reach
each other across the bridge (forwarded traffic: dockerd's FORWARD DROP would cut it), and
`engine down` leaves iptables and forwarding as it found them."""
import requests

from harness.certs import trust
from harness.cluster import placement
from harness.cluster.model import Cluster
from harness.containers import hostnet, lifecycle
from harness.containers.enginefiles import EngineFiles
from harness.containers.engine import engine_host
from harness.paths import RunPaths

from tests.cluster.session import as_envoy


def test_hosts_talk_across_the_bridge_while_an_engine_runs(cluster_root, paths):
    cluster = Cluster.load(paths)
    topology = placement.topology(cluster)
    edge, app1 = cluster.one("edge"), cluster.host("app1")
    catalog = next(e for e in topology.endpoints("catalog") if e.host == app1.address)
    files = EngineFiles.of(RunPaths(cluster_root))
    before = hostnet.snapshot()
    outcome = lifecycle.up(files)
    assert outcome.acted, (f"an engine not started by this test answers at {engine_host()}; "
                           "stop it (astroshop engine down) so this test can start its own")
    try:
        assert lifecycle.status(files)["started_here"]
        assert as_envoy(cluster, edge, f"http://{catalog.address}/healthz") == "200"
        edge_url = placement.edge_url(cluster, topology)
        assert requests.get(f"{edge_url}/api/products", timeout=10,
                            verify=trust.verify()).json()["products"]
        while_running = hostnet.changes(before, hostnet.snapshot())
        assert [c for c in while_running if not c.startswith("link ")] == [], while_running
    finally:
        stopped = lifecycle.down(files)
    assert stopped.acted
    after = hostnet.snapshot()
    assert hostnet.changes(before, after) == [], "engine down leaves the host as it found it"
    assert as_envoy(cluster, edge, f"http://{catalog.address}/healthz") == "200"
