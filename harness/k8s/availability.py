"""HorizontalPodAutoscalers and PodDisruptionBudgets for the stateless workloads."""
from __future__ import annotations

from harness.containers.images import ENVOY
from harness.k8s import objects
from harness.model import budgets
from harness.model.topology import Topology

MAX_REPLICAS = 3


def scaled(topology: Topology) -> list[str]:
    """The workloads that scale out: every service and Envoy."""
    return [*topology.names(), ENVOY]


def hpa(name: str, component: str, minimum: int, maximum: int) -> dict:
    """Scale `name` between `minimum` and `maximum` replicas on its pods' average CPU, with a
    target set from the CPU measured under the smoke load (harness/model/measured-cpu.json)."""
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": objects.metadata(name, component), "spec": {
                "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                "minReplicas": minimum, "maxReplicas": maximum,
                "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                    "type": "AverageValue",
                    "averageValue": f"{budgets.hpa_target_m(name)}m"}}}]}}


def pdb(name: str, component: str) -> dict:
    """At most one pod of `name` away at a time for voluntary disruptions (drains)."""
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": objects.metadata(name, component), "spec": {
                "maxUnavailable": 1, "selector": {"matchLabels": objects.selector(name)}}}


def availability_objects(topology: Topology) -> list[dict]:
    """An HPA and a PDB for every service and for Envoy."""
    result = []
    for name in scaled(topology):
        component = "edge" if name == ENVOY else "service"
        minimum = 1 if name == ENVOY else topology.service(name).replicas
        result += [hpa(name, component, minimum, max(MAX_REPLICAS, minimum)),
                   pdb(name, component)]
    return result
