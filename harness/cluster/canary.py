"""The canary on its cluster host, as Ansible gets it (playbooks/release.yml), and the Envoy
hosts' access logs read together."""
from __future__ import annotations

from pathlib import Path

import yaml

from harness.cluster import monitoring, releases, users
from harness.cluster.model import Cluster, Host
from harness.cluster.paths import ClusterPaths
from harness.envoy.accesslog import LogCursor
from harness.model.environment import service_environment
from harness.model.topology import Topology
from harness.stack.processes import replica_args


class Logs:
    """The access logs of every Envoy host, read together from a place in each."""

    def __init__(self, paths: list[Path]):
        self.cursors = [LogCursor(path) for path in paths]

    def lines(self) -> list[str]:
        """Every line each log gained since its cursor."""
        return [line for cursor in self.cursors for line in cursor.lines()]


def variables(paths: ClusterPaths, cluster: Cluster, placed: Topology, host: Host,
              service: str, action: str, version: str = "") -> dict:
    """The variables of playbooks/release.yml for one action on the canary's `host`: the
    canary's program runs the release's code with the environment of the service's stable
    replicas there (from the host variables), as their user, at the canary's port; Prometheus
    is told where it runs while it does."""
    endpoint, found = placed.canary_endpoints(service)[0], placed.service(service)
    directory = releases.host_dir_of(host.host_dir, service, version or "none")
    env = service_environment(placed, found, 0, database_url="", flags_file="")
    stable = Path(paths.ansible / "host_vars" / f"{host.name}.yml")
    known = next((r["env"] for r in yaml.safe_load(stable.read_text())
                  .get("astroshop_service_replicas", []) if r["service"] == service), env)
    program = {"name": endpoint.name, "directory": directory, "version": version,
               "user": users.name(cluster.settings, service),  # as its stable replicas
               "command": [f"{host.host_dir}/venv/bin/python",
                           *replica_args(found, endpoint.port, endpoint.host)],
               "env": {**known, "PYTHONPATH": directory, "PROMETHEUS_MULTIPROC_DIR":
                       f"{host.host_dir}/data/metrics/{endpoint.name}"}}
    archive = releases.archive(paths, service, version) if version else ""
    return {"release_action": action, "release_canary_host": host.name,
            "release_program": program, "release_archive": str(archive),
            "release_ready_url": f"http://{endpoint.address}/readyz",
            "release_weights_query": "",
            **monitoring.canary_announcement(cluster, placed, service)}
