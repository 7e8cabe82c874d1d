"""The engine and the cluster at once: with a dockerd running, the namespace hosts still reach
each other across the bridge (forwarded traffic: dockerd's FORWARD DROP would cut it), and
`engine down` leaves iptables and forwarding as it found them."""
import subprocess

import requests

from harness.certs import trust
from harness.cluster import placement
from harness.cluster.model import Cluster
from harness.containers import hostnet, lifecycle
from harness.containers.enginefiles import EngineFiles
from harness.containers.engine import engine_host
from harness.paths import RunPaths

FETCH = ("import sys, urllib.request; "
         "print(urllib.request.urlopen(sys.argv[1], timeout=5).status)")


def from_host(namespace: str, url: str) -> str:
    """GET `url` from inside a host's namespace; its status, or the error."""
    result = subprocess.run(["ip", "netns", "exec", namespace, "python3", "-c", FETCH, url],
                            capture_output=True, text=True, timeout=30)
    return result.stdout.strip() or result.stderr.strip().splitlines()[-1]


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
        assert from_host(edge.namespace, f"http://{catalog.address}/healthz") == "200"
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
    assert from_host(edge.namespace, f"http://{catalog.address}/healthz") == "200"
