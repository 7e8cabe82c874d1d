"""Moving a service's replicas on the cluster onto another release, host by host through
Ansible: the host variables say which release each service runs (harness/cluster/releases.py),
and `site.yml --limit HOST` deploys one host, then waits until its replica serves it."""
from __future__ import annotations

from pathlib import Path

from harness.cluster import ansible, build as deploy, probe, releases
from harness.cluster.model import Cluster
from harness.cluster.paths import ClusterPaths
from harness.model.topology import Topology
from harness.polling import poll_until
from harness.stack import builds


def live_version(cluster: Cluster, placed: Topology, service: str) -> str:
    """The version the service's first stable replica answers with (asked inside its host)."""
    endpoint = placed.endpoints(service)[0]
    host = next(h for h in cluster.hosts if h.address == endpoint.host)
    return probe.body(host, f"http://{endpoint.address}/healthz")["version"]


def roll(paths: ClusterPaths, cluster: Cluster, placed: Topology, log: Path, service: str,
         version: str) -> None:
    """Deploy the hosts of `service` one by one, each until its replica serves `version`."""
    deploy.write_host_vars(cluster, paths, deploy.prepare(paths, log))
    for endpoint in placed.endpoints(service):
        host = next(h for h in cluster.hosts if h.address == endpoint.host)
        ansible.playbook(paths, log, limit=host.name)

        def serving() -> bool:
            """Whether the replica on this host answers with `version`."""
            answer = probe.body(host, f"http://{endpoint.address}/healthz")
            return answer.get("version") == version

        poll_until(serving, 90, f"{endpoint.name} on {host.name} serving {version}", 1.0)


def rollback(paths: ClusterPaths, cluster: Cluster, placed: Topology, log: Path,
             service: str) -> tuple[str, str]:
    """The release before the stable one back, host by host; (left, now) versions."""
    run = releases.run_paths(paths)
    before = builds.read(run, service)
    if before.previous is None:
        raise LookupError(f"{service} has no earlier release on the cluster")
    leaving = live_version(cluster, placed, service)
    builds.write(run, service, builds.Releases(stable=before.previous, previous=before.stable))
    target = before.previous or builds.checkout_build()["version"]
    roll(paths, cluster, placed, log, service, target)
    return leaving, target
