"""Waiting until every replica is ready (asked inside its host, the only place besides the
Envoys and Prometheus its port admits), every Envoy is ready (through its stats listener)
and Prometheus is ready (both from the root namespace), with progress naming what is pending."""
from __future__ import annotations

import time
from collections.abc import Callable

from harness.cluster import monitoring, placement, probe as inside
from harness.cluster.model import Cluster, Host
from harness.cluster.tools import ClusterError
from harness.envoy.stats import READY_PATH
from harness.model.topology import ENVOY_STATS_PORT, Topology
from harness.stack.health import probe


def replicas(cluster: Cluster, topology: Topology) -> dict[str, tuple[Host, str]]:
    """name -> (host, health URL) of every replica, asked from inside its host."""
    return {f"{e.name}@{host.name}": (host, f"http://{e.address}/readyz")
            for host in cluster.hosts for e in placement.replicas_on(topology, host)}


def targets(cluster: Cluster, topology: Topology) -> dict[str, str]:
    """name -> health URL of everything else that answers HTTP, from the root namespace."""
    urls = {f"envoy@{host.name}": f"http://{host.address}:{ENVOY_STATS_PORT}{READY_PATH}"
            for host in cluster.hosts if placement.runs_envoy(host)}
    urls["prometheus"] = f"{placement.prometheus_url(cluster, topology)}/-/ready"
    urls["alertmanager"] = f"{monitoring.alertmanager_url(cluster, topology)}/-/ready"
    urls["alert-receiver"] = f"{monitoring.receiver_url(cluster, topology)}/healthz"
    return urls


def ready_replicas(hosted: dict[str, tuple[Host, str]]) -> list[str]:
    """The names among `hosted` whose replica answers 200, one probe process per host."""
    found = []
    for host in {host for host, _ in hosted.values()}:
        named = {url: name for name, (at, url) in hosted.items() if at == host}
        found += [named[url] for url, answer in inside.inside(host, list(named)).items()
                  if answer == 200]
    return found


def wait(cluster: Cluster, timeout: float, report: Callable[[str], None] = lambda _: None
         ) -> float:
    """Poll until every target answers 200; return the seconds it took, or raise ClusterError."""
    topology = placement.topology(cluster)
    pending, hosted = targets(cluster, topology), replicas(cluster, topology)
    total, started = len(pending) + len(hosted), time.monotonic()
    while pending or hosted:
        for name, url in list(pending.items()):
            if probe(url) == "healthy":
                del pending[name]
        for name in ready_replicas(hosted):
            del hosted[name]
        pending_names = sorted([*pending, *hosted])
        report(f"{total - len(pending_names)}/{total} healthy; waiting for "
               + ", ".join(pending_names[:4]))
        if pending_names and time.monotonic() - started > timeout:
            raise ClusterError(f"never healthy within {timeout:.0f}s: {', '.join(pending_names)}"
                               "; see the logs in each host's log/ directory")
        if pending_names:
            time.sleep(0.5)
    return time.monotonic() - started
