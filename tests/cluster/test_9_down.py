"""`cluster down` leaves the machine as it found it: no namespace, bridge, veth, process, key
or user of the cluster; another cluster's users stay."""
import grp
import pwd
import subprocess
from dataclasses import replace

from harness.cluster import netns, users
from harness.cluster.model import Cluster
from tests.cluster import session


def make_user(name: str, comment: str) -> None:
    """A system user as another cluster's Ansible would have made it."""
    subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                    "--comment", comment, name], check=True, capture_output=True)


def test_down_leaves_no_namespace_bridge_process_key_or_user_behind(cluster_root, paths):
    cluster = Cluster.load(paths)
    pids = netns.snapshot(cluster)
    assert pids, "the cluster's namespaces should hold processes before down"
    own = users.owned(cluster.settings)
    assert users.envoy(cluster.settings) in own, own
    other = replace(cluster.settings, name_prefix=f"x{cluster.settings.name_prefix}")
    make_user(users.envoy(other), users.comment(other))  # a second cluster's Envoy user
    try:
        result = session.astroshop(cluster_root, "cluster", "down")
        assert result.returncode == 0, result.stdout + result.stderr
        assert users.owned(other) == [users.envoy(other)], "another cluster's user was removed"
    finally:
        subprocess.run(["userdel", users.envoy(other)], capture_output=True)
    assert users.owned(cluster.settings) == []
    assert not {user for user in own if user in {e.pw_name for e in pwd.getpwall()}}
    assert not {user for user in own if user in {g.gr_name for g in grp.getgrall()}}
    assert not any(netns.namespace_exists(h.namespace) for h in cluster.hosts)
    assert not any(netns.link_exists(h.namespace) for h in cluster.hosts)
    assert not netns.link_exists(cluster.settings.bridge)
    assert netns.survivors(pids, grace=0) == []
    assert netns.processes_using(paths.root) == []
    assert not (paths.ssh / "id_ed25519").exists() and not paths.ssh.exists()
    assert not paths.hosts.exists() or list(paths.hosts.iterdir()) == []
    assert not paths.state.exists()
