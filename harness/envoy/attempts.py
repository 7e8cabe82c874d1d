"""Upstream attempts of a service's stable and canary clusters, from Envoy's counters: every
attempt (upstream_rq_total) and the failed ones, those retried (upstream_rq_retry: Envoy
charges a response code only to the final answer) and the final 5xx answers."""
from __future__ import annotations

import re
from dataclasses import dataclass

from harness.envoy.admin import EnvoyAdmin, counters
from harness.envoy.clusters import canary_name

PROMETHEUS_LINE = re.compile(r'^envoy_cluster_upstream_rq_(total|retry|xx)\{([^}]*)\} (\S+)$')


@dataclass(frozen=True)
class Attempts:
    """Upstream attempts and their failures, canary and stable."""

    canary_bad: int = 0
    canary_total: int = 0
    stable_bad: int = 0
    stable_total: int = 0

    def minus(self, earlier: Attempts) -> Attempts:
        """What happened since `earlier`."""
        return Attempts(self.canary_bad - earlier.canary_bad,
                        self.canary_total - earlier.canary_total,
                        self.stable_bad - earlier.stable_bad,
                        self.stable_total - earlier.stable_total)

    def plus(self, other: Attempts) -> Attempts:
        """Both together (several Envoys)."""
        return Attempts(self.canary_bad + other.canary_bad,
                        self.canary_total + other.canary_total,
                        self.stable_bad + other.stable_bad,
                        self.stable_total + other.stable_total)


def from_counters(found: dict[str, int], service: str) -> Attempts:
    """The attempts in counters named as the admin's /stats names them."""
    def value(cluster: str, *names: str) -> int:
        """The sum of some of a cluster's upstream_rq_ counters (0 for one not made yet)."""
        return sum(found.get(f"cluster.{cluster}.upstream_rq_{name}", 0) for name in names)

    canary = canary_name(service)
    return Attempts(value(canary, "5xx", "retry"), value(canary, "total"),
                    value(service, "5xx", "retry"), value(service, "total"))


def local(admin: EnvoyAdmin, service: str) -> Attempts:
    """The attempts the local Envoy's admin has counted so far."""
    canary = canary_name(service)
    return from_counters(counters(
        admin, rf"^cluster\.({service}|{canary})\.upstream_rq_(5xx|total|retry)$"), service)


def from_prometheus_text(text: str, service: str) -> Attempts:
    """The attempts in an Envoy's /stats/prometheus answer (its stats listener)."""
    found: dict[str, int] = {}
    for line in text.splitlines():
        match = PROMETHEUS_LINE.match(line)
        if not match:
            continue
        kind, labels, value = match.groups()
        label = dict(re.findall(r'(\w+)="([^"]*)"', labels))
        cluster = label.get("envoy_cluster_name", "")
        if kind == "xx":
            if label.get("envoy_response_code_class") != "5":
                continue
            kind = "5xx"
        key = f"cluster.{cluster}.upstream_rq_{kind}"
        found[key] = found.get(key, 0) + int(float(value))
    return from_counters(found, service)
