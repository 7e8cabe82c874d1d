"""A service's canary replicas: started beside the stable ones from the release's code,
health-gated before they get traffic, announced to Prometheus, stopped with their logs kept."""
from __future__ import annotations

import json
import time
from pathlib import Path

import requests

from harness import prometheus
from harness.prometheus_config import CANARY_FILE, canary_targets
from harness.release import weights
from harness.stack.processes import canary_processes
from harness.stack.runner import Stack

DOWN = ("FATAL", "EXITED", "BACKOFF", "STOPPED")


class CanaryFailed(RuntimeError):
    """The canary did not become healthy; the message says how it ended and where its log is."""


def group(service: str) -> str:
    """The supervisor file the canary's programs live in."""
    return f"{service}-canary"


def start(stack: Stack, service: str, version: str) -> list[str]:
    """Start the canary replicas of `service` on release `version`; their process names."""
    specs = canary_processes(stack.topology(), stack.paths, stack.options(), service, version)
    names = stack.add_programs(group(service), specs)
    announced = targets_file(stack, service)
    announced.parent.mkdir(parents=True, exist_ok=True)
    announced.write_text(json.dumps(canary_targets(
        service, stack.topology().canary_endpoints(service))))
    return names


def targets_file(stack: Stack, service: str) -> Path:
    """The file that names the service's canary replicas to Prometheus while they run."""
    return prometheus.canary_dir(stack.paths) / CANARY_FILE.format(service=service)


def ready(url: str) -> bool:
    """Whether a replica's /readyz answers 200."""
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


def wait_healthy(stack: Stack, service: str, names: list[str], timeout: float) -> float:
    """Wait until every canary replica runs, answers /readyz and Envoy sees it healthy;
    CanaryFailed when one stops or the time runs out. The seconds it took."""
    began, topology = time.monotonic(), stack.topology()
    urls = [f"http://{e.address}/readyz" for e in topology.canary_endpoints(service)]
    while True:
        states = {name: state for name, state in stack.states().items() if name in names}
        ended = {name: state for name, state in states.items() if state in DOWN}
        if ended:
            listing = ", ".join(f"{name} {state}" for name, state in ended.items())
            raise CanaryFailed(f"the canary did not start ({listing}); its log: "
                               + ", ".join(str(stack.paths.log_of(name)) for name in ended))
        if all(state == "RUNNING" for state in states.values()) and \
                all(ready(url) for url in urls) and weights.healthy(stack.envoy_admin(), service, True):
            return time.monotonic() - began
        if time.monotonic() - began > timeout:
            raise CanaryFailed(f"the canary was not healthy within {timeout:g}s (states: "
                               f"{states}); its log: {stack.paths.log_of(names[0])}")
        time.sleep(0.5)


def stop(stack: Stack, service: str) -> None:
    """Stop the canary replicas and forget them (their logs stay), and unannounce them."""
    names = [endpoint.name for endpoint in stack.topology().canary_endpoints(service)]
    stack.remove_programs(group(service), names)
    targets_file(stack, service).unlink(missing_ok=True)
