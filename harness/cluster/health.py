"""Waiting, from the root namespace, until every replica is ready, every Envoy is ready (through
its stats listener) and Prometheus is ready, with progress naming what is still pending."""
from __future__ import annotations

import time
from collections.abc import Callable

from harness.cluster import monitoring, placement
from harness.cluster.model import Cluster
from harness.cluster.tools import ClusterError
from harness.envoy.stats import READY_PATH
from harness.model.topology import ENVOY_STATS_PORT, Topology
from harness.stack.health import probe


def targets(cluster: Cluster, topology: Topology) -> dict[str, str]:
    """name -> health URL of everything the cluster runs that answers HTTP."""
    urls = {f"{e.name}@{host.name}": f"http://{e.address}/readyz" for host in cluster.hosts
            for e in placement.replicas_on(topology, host)}
    urls.update({f"envoy@{host.name}":
                 f"http://{host.address}:{ENVOY_STATS_PORT}{READY_PATH}"
                 for host in cluster.hosts if placement.runs_envoy(host)})
    urls["prometheus"] = f"{placement.prometheus_url(cluster, topology)}/-/ready"
    urls["alertmanager"] = f"{monitoring.alertmanager_url(cluster, topology)}/-/ready"
    urls["alert-receiver"] = f"{monitoring.receiver_url(cluster, topology)}/healthz"
    return urls


def wait(cluster: Cluster, timeout: float, report: Callable[[str], None] = lambda _: None
         ) -> float:
    """Poll until every target answers 200; return the seconds it took, or raise ClusterError."""
    pending = targets(cluster, placement.topology(cluster))
    total, started = len(pending), time.monotonic()
    while pending:
        for name, url in list(pending.items()):
            if probe(url) == "healthy":
                del pending[name]
        report(f"{total - len(pending)}/{total} healthy; waiting for "
               + ", ".join(sorted(pending)[:4]))
        if pending and time.monotonic() - started > timeout:
            raise ClusterError(f"never healthy within {timeout:.0f}s: {', '.join(sorted(pending))}"
                               "; see the logs in each host's log/ directory")
        time.sleep(0.5)
    return time.monotonic() - started
