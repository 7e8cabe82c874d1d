"""The cluster as a release's site (the local one: harness/release/site.py): the canary on one
app host through Ansible (playbooks/release.yml, health-gated), its share of the traffic on
every Envoy through Ansible, attempts from each Envoy's stats listener, requests from each
Envoy host's access log, and promotion host by host through site.yml (`--limit`)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import requests

from harness.cluster import ansible, build as deploy, canary, placement, releases, rollout
from harness.cluster.model import Cluster
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError
from harness.envoy.attempts import Attempts, from_prometheus_text
from harness.envoy.routes import weight_keys
from harness.envoy.stats import STATS_PATH
from harness.model.topology import ENVOY_STATS_PORT
from harness.stack import builds, releasebuild
from harness.stack.options import default_port_offset


class ClusterSite:
    """The Terraform + Ansible cluster of a run directory."""

    canary_failure = ClusterError

    def __init__(self, paths: ClusterPaths):
        self.paths, self.cluster = paths, Cluster.load(paths)
        self.placed = placement.topology(self.cluster)
        self.log = paths.logs / "release.log"

    def topology(self):
        """The placed topology, with a canary per service on the service's first host."""
        return self.placed

    def public_url(self) -> str:
        """The edge."""
        return placement.edge_url(self.cluster, self.placed)

    def prometheus_url(self) -> str:
        """The data host's Prometheus."""
        return placement.prometheus_url(self.cluster, self.placed)

    def port_offset(self) -> int:
        """Locust's own ports on the controller move with $ASTROSHOP_PORT_OFFSET."""
        return default_port_offset()

    def state_dir(self, service: str) -> Path:
        """Where the controller keeps the service's releases."""
        return builds.service_root(releases.run_paths(self.paths), service)

    def build(self, service: str, ref, source, repo) -> releasebuild.Built:
        """The release built on the controller, and its archive for the hosts."""
        built = releasebuild.build(releases.run_paths(self.paths), service, ref=ref,
                                   source=source, repo=repo)
        releases.archive(self.paths, service, built.version)
        return built

    def stable_version(self, service: str) -> str:
        """The version the service's first stable replica answers with."""
        return rollout.live_version(self.cluster, self.placed, service)

    def canary_host(self, service: str):
        """The app host the canary runs on (the service's first)."""
        address = self.placed.canary_endpoints(service)[0].host
        return next(host for host in self.cluster.hosts if host.address == address)

    def play(self, book: Path, variables: dict, limit: str | None = None) -> None:
        """Run a playbook with `variables` (kept in a private file beside the inventory)."""
        path = self.paths.ansible / "release-vars.json"
        deploy.write_private(path, json.dumps(variables))
        ansible.playbook(self.paths, self.log, limit=limit, book=book, extra_vars=path)

    def release_vars(self, service: str, action: str, version: str = "") -> dict:
        """The variables of playbooks/release.yml for one action."""
        return canary.variables(self.paths, self.cluster, self.placed,
                                self.canary_host(service), service, action, version)

    def start_canary(self, service: str, version: str, timeout: float) -> float:
        """The canary on its host through Ansible, until it answers ready; the seconds."""
        began = time.monotonic()
        variables = self.release_vars(service, "canary", version)
        variables["release_ready_retries"] = max(1, int(timeout))
        self.play(ansible.PLAYBOOK_DIR / "release.yml", variables)
        return time.monotonic() - began

    def stop_canary(self, service: str) -> None:
        """All traffic to stable on every Envoy, then the canary stopped (its log kept)."""
        self.shift(service, 0)
        self.play(ansible.PLAYBOOK_DIR / "release.yml", self.release_vars(service, "stop"))

    def canary_logs(self, service: str) -> tuple[str, ...]:
        """The canary's log on its host."""
        name = self.placed.canary_endpoints(service)[0].name
        return (f"{self.canary_host(service).host_dir}/log/{name}.log",)

    def shift(self, service: str, weight: int) -> None:
        """The canary's share on every Envoy of the cluster, through Ansible."""
        keys = weight_keys(service)
        variables = self.release_vars(service, "weights")
        variables["release_weights_query"] = (f"{keys['stable']}={100 - weight}&"
                                              f"{keys['canary']}={weight}")
        self.play(ansible.PLAYBOOK_DIR / "release.yml", variables)

    def envoy_hosts(self) -> list:
        """Every host that runs an Envoy."""
        return [host for host in self.cluster.hosts if placement.runs_envoy(host)]

    def attempts(self, service: str) -> Attempts:
        """Attempts of both clusters summed over every Envoy's stats listener."""
        total = Attempts()
        for host in self.envoy_hosts():
            text = requests.get(f"http://{host.address}:{ENVOY_STATS_PORT}{STATS_PATH}",
                                timeout=5).text
            total = total.plus(from_prometheus_text(text, service))
        return total

    def cursor(self) -> canary.Logs:
        """Every Envoy host's access log from now on."""
        return canary.Logs([Path(host.host_dir) / "log" / "envoy.log" for host in self.envoy_hosts()])

    def promote(self, service: str, version: str) -> None:
        """The switch recorded on the controller, then site.yml host by host (each until its
        replica answers with the new version), traffic back to stable, the canary stopped."""
        run = releases.run_paths(self.paths)
        before = builds.read(run, service)  # stable "": the deploy's own code
        builds.write(run, service, builds.Releases(stable=version, previous=before.stable))
        rollout.roll(self.paths, self.cluster, self.placed, self.log, service, version)
        self.stop_canary(service)

    def rollback(self, service: str) -> tuple[str, str]:
        """The release before the stable one back, host by host; (left, now) versions."""
        return rollout.rollback(self.paths, self.cluster, self.placed, self.log, service)
