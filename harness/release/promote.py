"""Moving a service's stable replicas onto another release without a failed request: while
the canary (on the same code) takes all the traffic, the stable release is switched in one
atomic write, the stable replicas restart onto it one by one (each health-gated), traffic goes
back to them and the canary stops. Promotion and `release rollback` are the same move. The
checkout's own code, left for the first time, is kept as a release of its own (named by its
build), so a rollback brings back exactly that code even after the checkout has moved on."""
from __future__ import annotations

import time

import requests

from harness.polling import poll_until
from harness.release import canary, weights
from harness.stack import builds, releasebuild
from harness.stack.runner import Stack


def live_build(stack: Stack, service: str) -> dict[str, str]:
    """The build the service's first stable replica answers with on /healthz."""
    endpoint = stack.topology().endpoints(service)[0]
    return requests.get(f"http://{endpoint.address}/healthz", timeout=3).json()


def restart_stable(stack: Stack, service: str, version: str, timeout: float = 60.0) -> None:
    """Restart the stable replicas one after the other, each until it runs `version` and
    Envoy sends to it again."""
    for name, endpoint in zip(stack.replicas(service), stack.topology().endpoints(service)):
        stack.restart([name])

        def serving() -> bool:
            """Whether the replica answers with the new build and Envoy sees it healthy."""
            answer = requests.get(f"http://{endpoint.address}/healthz", timeout=2).json()
            return answer.get("version") == version and \
                weights.healthy(stack.envoy_admin(), service, canary=False)

        poll_until(serving, timeout, f"{name} serving {version}", interval=0.5)


def switch(stack: Stack, service: str, release: str, version: str) -> builds.Releases:
    """Make `release` (its build `version`) the service's stable one, with the canary already
    healthy on it: all traffic to the canary, the atomic switch, the rolling restart, all
    traffic back to stable, the canary stopped. The releases as recorded."""
    admin = stack.envoy_admin()
    weights.shift(admin, service, 100)
    before = builds.read(stack.paths, service)
    leaving = before.stable or releasebuild.build(stack.paths, service).version  # the checkout
    now = builds.Releases(stable=release, previous=leaving)
    builds.write(stack.paths, service, now)
    restart_stable(stack, service, version)
    weights.shift(admin, service, 0)
    time.sleep(1.0)  # requests already sent to the canary finish before it stops
    canary.stop(stack, service)
    return now


def rollback(stack: Stack, service: str, timeout: float = 60.0) -> tuple[str, str]:
    """Bring the release before the stable one back (`astroshop release rollback`), the same
    way a promotion goes; (the version it left, the version now stable)."""
    before = builds.read(stack.paths, service)
    if before.previous is None:
        raise LookupError(f"{service} has no earlier release to roll back to "
                          "(`astroshop release status`)")
    leaving = live_build(stack, service)["version"]
    names = canary.start(stack, service, before.previous)
    try:
        canary.wait_healthy(stack, service, names, timeout)
        target = requests.get(f"http://{stack.topology().canary_endpoints(service)[0].address}"
                              "/healthz", timeout=3).json()["version"]
        switch(stack, service, before.previous, target)
    except BaseException:
        weights.shift(stack.envoy_admin(), service, 0)
        canary.stop(stack, service)
        raise
    return leaving, target
