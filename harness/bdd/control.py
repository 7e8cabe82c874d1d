"""Stopping and starting one service's processes through the local stack's supervisor."""
from __future__ import annotations

import xmlrpc.client

import requests

from harness.bdd.target import Target
from harness.paths import RunPaths
from harness.polling import poll_until
from harness.stack import supervisor
from harness.stack.options import StackOptions

RECOVERY_S = 30.0


class NoControl(LookupError):
    """The target's processes cannot be stopped from here (not a local stack)."""


def replicas(target: Target, service: str) -> list[str]:
    """The supervisor program names of every replica of `service`."""
    if target.run_dir is None:
        raise NoControl(f"{target.public_url} is not a stack started from this machine's "
                        "run directory, so its processes cannot be stopped")
    topology = StackOptions.load(RunPaths(target.run_dir)).topology()
    return [endpoint.name for endpoint in topology.endpoints(service)]


def answers_on_mesh(target: Target, service: str) -> bool:
    """Whether the service's liveness answers through Envoy's mesh again."""
    response = requests.get(f"{target.mesh_url}/healthz", headers={"Host": service}, timeout=2)
    return response.status_code == 200


class Outage:
    """Every replica of one service stopped until restore(), which waits for its return."""

    def __init__(self, target: Target, service: str):
        self.target, self.service = target, service
        self.names = replicas(target, service)
        self.proxy = supervisor.rpc(RunPaths(target.run_dir))
        self.stopped: list[str] = []

    def stop(self) -> Outage:
        """Stop every running replica through the supervisor (one already down stays down)."""
        for name in self.names:
            try:
                self.proxy.supervisor.stopProcess(name)
            except xmlrpc.client.Fault as fault:
                if "NOT_RUNNING" not in fault.faultString:
                    raise
                continue
            self.stopped.append(name)
        return self

    def restore(self) -> None:
        """Start what stop() stopped and wait until Envoy reaches the service (idempotent)."""
        if not self.stopped:
            return
        for name in self.stopped:
            try:
                self.proxy.supervisor.startProcess(name)
            except xmlrpc.client.Fault as fault:
                if "ALREADY_STARTED" not in fault.faultString:
                    raise
        self.stopped = []
        poll_until(lambda: answers_on_mesh(self.target, self.service), RECOVERY_S,
                   f"{self.service} answering through Envoy after its restart")
