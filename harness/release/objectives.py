"""The SLO objectives that concern a service, each compared between canary and stable.

An objective concerns the service when its selectors name it (`service="catalog"`: the
service's own RED metrics, split by their `version` label, counted exactly by Prometheus), or
when it is measured at the public edge and the service serves public routes (the requests its
two clusters served at the public listener, from the access log: a 5xx is bad, or a duration
over the objective's threshold). Each is a test of two proportions of bad events; the
tolerance is the objective's error budget (1 - target), so a canary is worse when it spends
significantly more than a whole budget beyond stable's.
"""
from __future__ import annotations

from dataclasses import dataclass

from harness.model.edge import request_class
from harness.model.services import Service
from harness.release.policy import ReleasePolicy
from harness.release.samples import Request
from harness.slo.measure import increase
from harness.slo.selectors import Matcher, Selector
from harness.slo.spec import Objective
from harness.stats import proportions
from harness.stats.comparison import Comparison

EDGE_LABELS = {"envoy_http_conn_manager_prefix": "public", "envoy_virtual_host": "public"}


@dataclass(frozen=True)
class Concern:
    """An objective and how it is split by release: `red` (version label) or `edge`."""

    objective: Objective
    kind: str
    request_class: str | None = None  # an edge objective's class; None: every public request


def matcher(selector: Selector, label: str) -> Matcher | None:
    """The selector's equality matcher on `label`, if it has one."""
    return next((m for m in selector.matchers if m.label == label and m.op == "="), None)


def at_edge(selector: Selector) -> bool:
    """Whether a selector counts the public listener's requests."""
    return any((found := matcher(selector, label)) is not None and found.value == value
               for label, value in EDGE_LABELS.items())


def public_classes(service: Service) -> set[str]:
    """The edge's request classes the service's public routes fall in."""
    return {request_class(method, route.prefix) for route in service.public_routes
            for method in route.methods}


def concern(objective: Objective, service: Service) -> Concern | None:
    """How `objective` concerns `service`, or None when it does not."""
    _, total = objective.sli.selectors()
    named = matcher(total, "service")
    if named is not None:
        return Concern(objective, "red") if named.value == service.name else None
    if at_edge(total) and service.public_routes:
        vcluster = matcher(total, "envoy_virtual_cluster")
        if vcluster is None or vcluster.value in public_classes(service):
            return Concern(objective, "edge", vcluster.value if vcluster else None)
    return None


def concerning(objectives: list[Objective], service: Service) -> list[Concern]:
    """Every objective that concerns `service`."""
    return [found for o in objectives if (found := concern(o, service)) is not None]


def bad(objective: Objective, request: Request) -> bool:
    """Whether one edge request is a bad event of `objective`."""
    latency = objective.sli.latency
    return request.ms > latency.threshold_ms if latency else request.status >= 500


def edge_comparison(found: Concern, canary: list[Request], stable: list[Request],
                    policy: ReleasePolicy) -> Comparison:
    """An edge objective over the public requests each cluster served."""
    def events(requests: list[Request]) -> list[Request]:
        """The requests of the objective's class at the public listener."""
        return [r for r in requests if r.public and
                (found.request_class is None or r.request_class == found.request_class)]

    c, s = events(canary), events(stable)
    return proportions.compare(
        f"objective {found.objective.name}", sum(bad(found.objective, r) for r in c), len(c),
        sum(bad(found.objective, r) for r in s), len(s), found.objective.budget,
        policy.confidence, policy.power)


def red_comparison(client, found: Concern, versions: tuple[str, str], start: float,
                   settled: float, policy: ReleasePolicy) -> Comparison:
    """A RED objective over each version's own counters (canary version, stable version)."""
    good, total = found.objective.sli.selectors()
    counts = []
    for version in versions:
        only = (Matcher("version", "=", version),)
        all_events = increase(client, total.render(only), start, settled)
        good_events = increase(client, good.render(only), start, settled)
        counts.append((round(all_events - good_events), round(all_events)))
    (bad_c, n_c), (bad_s, n_s) = counts
    return proportions.compare(f"objective {found.objective.name}", bad_c, n_c, bad_s, n_s,
                               found.objective.budget, policy.confidence, policy.power)
