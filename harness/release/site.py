"""Where a release runs, as the steps see it: the local stack here; the cluster's site
(harness/cluster/release.py) answers the same questions through Ansible and SSH.

A site builds the release, starts and health-gates the canary, shifts the weights, counts
each cluster's upstream attempts, reads the requests each cluster served, promotes, and says
where a running release's state lives.
"""
from __future__ import annotations

from pathlib import Path

from harness import prometheus
from harness.envoy.accesslog import LogCursor
from harness.envoy import attempts
from harness.release import canary, promote, weights
from harness.stack import releasebuild as build
from harness.stack import builds
from harness.stack.runner import Stack


class LocalSite:
    """The local stack of a run directory."""

    canary_failure = canary.CanaryFailed  # what start_canary raises for a canary that failed

    def __init__(self, stack: Stack):
        self.stack = stack
        stack.control()  # StackError when no stack runs there

    def topology(self):
        """The stack's topology."""
        return self.stack.topology()

    def public_url(self) -> str:
        """Where the background load goes."""
        return self.stack.public_url()

    def prometheus_url(self) -> str:
        """The Prometheus that counts the RED metrics by version."""
        return self.stack.prometheus_url()

    def port_offset(self) -> int:
        """The stack's port offset (Locust's own ports move with it)."""
        return self.stack.options().port_offset

    def state_dir(self, service: str) -> Path:
        """Where a running release's state and the last result are kept."""
        return builds.service_root(self.stack.paths, service)

    def build(self, service: str, ref, source, repo) -> build.Built:
        """The release built into the run directory."""
        return build.build(self.stack.paths, service, ref=ref, source=source, repo=repo)

    def stable_version(self, service: str) -> str:
        """The version the service's stable replicas answer with."""
        return promote.live_build(self.stack, service)["version"]

    def start_canary(self, service: str, version: str, timeout: float) -> float:
        """Start the canary and wait until it is healthy; the seconds it took."""
        names = canary.start(self.stack, service, version)
        return canary.wait_healthy(self.stack, service, names, timeout)

    def stop_canary(self, service: str) -> None:
        """All traffic to stable, the canary stopped (its logs kept)."""
        weights.shift(self.stack.envoy_admin(), service, 0)
        canary.stop(self.stack, service)

    def canary_logs(self, service: str) -> tuple[str, ...]:
        """Where the canary's logs are."""
        return tuple(str(self.stack.paths.log_of(e.name))
                     for e in self.topology().canary_endpoints(service))

    def shift(self, service: str, weight: int) -> None:
        """The canary's share of the service's traffic."""
        weights.shift(self.stack.envoy_admin(), service, weight)

    def attempts(self, service: str) -> attempts.Attempts:
        """Upstream attempts and failures of both clusters so far."""
        return attempts.local(self.stack.envoy_admin(), service)

    def cursor(self) -> LogCursor:
        """The access log from now on."""
        return LogCursor(self.stack.paths.log_of("envoy"))

    def promote(self, service: str, version: str) -> None:
        """Make the canary's release the stable one, without a failed request."""
        promote.switch(self.stack, service, version, version)
