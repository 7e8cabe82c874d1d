"""Cluster faults: a host going down (every process killed, its link down) or partitioned
(its link down, processes alive), and recovery from either, waiting until it is healthy."""
from __future__ import annotations

import subprocess
import time
from dataclasses import replace
from pathlib import Path

import urllib3

from harness.alerting.exporters import NODE_EXPORTER
from harness.cluster import expect, netns, placement, probe, remote
from harness.cluster.layout import HostLayout
from harness.cluster.model import Cluster, Host
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError, require_root
from harness.paths import REPO_ROOT
from harness.polling import poll_until

SCRIPT = REPO_ROOT / "scripts" / "cluster-net.sh"
HOST_DOWN, PARTITION = "host-down", "partition"
HTTP = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=1, read=3))


def script(action: str, cluster: Cluster, host: Host) -> None:
    """Run cluster-net.sh `action` for one host (the same script Terraform calls)."""
    env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "NAME": host.name,
           "NAMESPACE": host.namespace, "ADDRESS": host.address, "HOST_DIR": host.host_dir,
           "KEY_DIR": str(Path(cluster.ssh_key).parent)}
    result = subprocess.run([str(SCRIPT), action], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise ClusterError(f"{action} of {host.name} failed: {result.stderr.strip()}")


def inject(paths: ClusterPaths, name: str, kind: str) -> Host:
    """Take host `name` down or partition it; record the fault in cluster.json."""
    require_root()
    cluster = Cluster.load(paths)
    host = cluster.host(name)
    if name in cluster.faults:
        raise ClusterError(f"{name} already has a fault ({cluster.faults[name]}); "
                           f"`astroshop cluster fault recover {name}` first")
    if kind == HOST_DOWN:
        script("host-stop", cluster, host)
    else:
        netns.set_link(host.namespace, up=False)
    replace(cluster, faults={**cluster.faults, name: kind}).save(paths)
    return host


def healthy(cluster: Cluster, host: Host) -> bool:
    """Every expected program RUNNING, every replica ready (asked inside the host) and the
    host's node exporter answering the root namespace (its link is up)."""
    topology = placement.topology(cluster)
    states = remote.ssh(cluster, host, [*HostLayout(host.host_dir).supervisorctl(), "status"],
                        timeout=15, check=False).stdout
    running = {line.split()[0] for line in states.splitlines() if " RUNNING " in f"{line} "}
    if not set(expect.programs(topology, host)) <= running:
        return False
    if not probe.ready(host, [f"http://{e.address}/readyz"
                              for e in placement.replicas_on(topology, host)]):
        return False
    return ready(f"http://{host.address}:{NODE_EXPORTER.port(topology)}{NODE_EXPORTER.health_path}")


def ready(url: str) -> bool:
    """Whether `url` answers 200 now."""
    try:
        return HTTP.request("GET", url).status == 200
    except urllib3.exceptions.HTTPError:
        return False


def recover(paths: ClusterPaths, name: str, timeout: float = 180) -> float:
    """Undo the fault on host `name`; wait until it is healthy; return the seconds it took."""
    require_root()
    cluster = Cluster.load(paths)
    host = cluster.host(name)
    kind = cluster.faults.get(name)
    if kind is None:
        raise ClusterError(f"{name} has no fault to recover from")
    if kind == HOST_DOWN:
        script("host-start", cluster, host)
        remote.ssh(cluster, host, HostLayout(host.host_dir).supervisord())
    else:
        netns.set_link(host.namespace, up=True)
    replace(cluster, faults={k: v for k, v in cluster.faults.items() if k != name}).save(paths)
    started = time.monotonic()
    poll_until(lambda: healthy(cluster, host), timeout, f"{name} healthy again", 1.0)
    return time.monotonic() - started
