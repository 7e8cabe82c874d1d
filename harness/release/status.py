"""`astroshop release status`: per service, the stable release and the one before it, the
versions running, the canary's share now, and a running release's latest step."""
from __future__ import annotations

import requests

from harness.release import weights
from harness.release.result import read
from harness.release.run import CURRENT
from harness.stack import builds
from harness.stack.runner import Stack


def version_at(address: str) -> str | None:
    """The version a replica answers with on /healthz; None when it does not answer."""
    try:
        return requests.get(f"http://{address}/healthz", timeout=2).json().get("version")
    except (requests.RequestException, ValueError):
        return None


def step_summary(step) -> dict:
    """A step's split, decision and each test's effect, interval and detectable effect."""
    return {"step": step.index + 1, "weight": step.weight, "decision": step.decision,
            "reason": step.reason, "cached": step.cached, "tests": [
                {"name": c.name, "verdict": c.verdict, "effect": c.effect,
                 "interval": [c.ci_low, c.ci_high], "detectable": c.mde, "unit": c.unit}
                for c in (step.errors, step.latency, *step.objectives)]}


def service_status(stack: Stack, service: str) -> dict:
    """One service's release state."""
    topology, root = stack.topology(), builds.service_root(stack.paths, service)
    recorded = builds.read(stack.paths, service)
    row = {"service": service, "stable_release": recorded.stable or "checkout",
           "previous_release": None if recorded.previous is None else
           (recorded.previous or "checkout"),
           "stable_versions": [version_at(e.address) for e in topology.endpoints(service)],
           "canary_versions": [v for e in topology.canary_endpoints(service)
                               if (v := version_at(e.address))],
           "canary_weight": weights.canary_share(stack.envoy_admin(), service)}
    if (root / CURRENT).exists():
        running = read(root / CURRENT)
        row["running"] = {"run_id": running.run_id, "canary": running.canary_version,
                          "step": step_summary(running.steps[-1]) if running.steps else None}
    if (root / "last.json").exists():
        last = read(root / "last.json")
        row["last"] = {"run_id": last.run_id, "version": last.canary_version,
                       "decision": last.decision, "reason": last.reason}
    return row


def collect(stack: Stack) -> list[dict]:
    """Every service's release state, in topology order."""
    return [service_status(stack, name) for name in stack.topology().names()]
