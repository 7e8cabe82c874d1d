"""A service taken down for a scenario: every replica stopped through the target's stack."""
from __future__ import annotations

import requests

from harness.polling import poll_until
from harness.target import Target

RECOVERY_S = 30.0


class NoControl(LookupError):
    """The target's processes cannot be stopped from here (not a local stack)."""


def answers_on_mesh(target: Target, service: str) -> bool:
    """Whether the service's liveness answers through Envoy's mesh again."""
    response = requests.get(f"{target.mesh_url}/healthz", headers={"Host": service}, timeout=2)
    return response.status_code == 200


class Outage:
    """Every replica of one service stopped until restore(), which waits for its return."""

    def __init__(self, target: Target, service: str):
        if target.stack is None:
            raise NoControl(f"{target.public_url} is not a stack started from this machine's "
                            "run directory, so its processes cannot be stopped")
        self.target, self.service, self.stack = target, service, target.stack
        self.names = self.stack.replicas(service)
        self.stopped: list[str] = []

    def stop(self) -> Outage:
        """Stop every running replica (one already down stays down, and is not restored)."""
        self.stopped += self.stack.stop(self.names)
        return self

    def restore(self) -> None:
        """Start what stop() stopped and wait until Envoy reaches the service (idempotent)."""
        if not self.stopped:
            return
        self.stack.start(self.stopped)
        self.stopped = []
        poll_until(lambda: answers_on_mesh(self.target, self.service), RECOVERY_S,
                   f"{self.service} answering through Envoy after its restart")
