"""`cluster down` leaves the machine as it found it: no namespace, bridge, veth, process or
key of the cluster."""
from harness.cluster import netns
from harness.cluster.model import Cluster
from tests.cluster import session


def test_down_leaves_no_namespace_bridge_process_or_key_behind(cluster_root, paths):
    cluster = Cluster.load(paths)
    pids = netns.snapshot(cluster)
    assert pids, "the cluster's namespaces should hold processes before down"
    result = session.astroshop(cluster_root, "cluster", "down")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not any(netns.namespace_exists(h.namespace) for h in cluster.hosts)
    assert not any(netns.link_exists(h.namespace) for h in cluster.hosts)
    assert not netns.link_exists(cluster.settings.bridge)
    assert netns.survivors(pids, grace=0) == []
    assert netns.processes_using(paths.root) == []
    assert not (paths.ssh / "id_ed25519").exists() and not paths.ssh.exists()
    assert not paths.hosts.exists() or list(paths.hosts.iterdir()) == []
    assert not paths.state.exists()
