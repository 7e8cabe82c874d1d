"""The overlays: `local` (one replica, small limits, dev secrets) and `production`."""
from __future__ import annotations

import yaml

from harness.containers.images import ENVOY
from harness.k8s import tls
from harness.k8s.availability import scaled
from harness.k8s.edge import CONFIG_MAP as ENVOY_CONFIG_MAP, PUBLIC_SERVICE
from harness.k8s.secrets import KEYS, SECRETS_FILE
from harness.k8s.workloads import SECRET
from harness.model import budgets
from harness.model.topology import Topology

KUSTOMIZATION = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization"}
STATEFUL = ("prometheus", "postgres", "redis")
PRODUCTION_REPLICAS = 2
PRODUCTION_MAX_REPLICAS = 6
PRODUCTION_PROMETHEUS_STORAGE = "20Gi"


def json_patch(kind: str, name: str, operations: list[dict]) -> dict:
    """A kustomize patch of JSON-patch operations on one object."""
    return {"target": {"kind": kind, "name": name},
            "patch": yaml.safe_dump(operations, sort_keys=False)}


def replace(path: str, value) -> dict:
    """A JSON-patch `replace` operation."""
    return {"op": "replace", "path": path, "value": value}


def deleted(kind: str, api_version: str, name: str) -> dict:
    """A strategic-merge patch that removes one object."""
    return {"patch": yaml.safe_dump({"apiVersion": api_version, "kind": kind,
                                     "metadata": {"name": name}, "$patch": "delete"},
                                    sort_keys=False)}


def local(topology: Topology) -> dict:
    """One replica of everything, limits 1.5x the measured RSS, no HPAs, secrets generated
    here (secrets.env beside the kustomization, never committed)."""
    patches = []
    for name in [*scaled(topology), *STATEFUL]:
        limit = replace("/spec/template/spec/containers/0/resources/limits/memory",
                        f"{budgets.budget(name, small=True).memory_limit_mi}Mi")
        if name in STATEFUL:
            patches.append(json_patch("StatefulSet", name, [limit]))
        else:  # without an HPA, the Deployment states its one replica itself
            patches.append(json_patch("Deployment", name, [
                {"op": "add", "path": "/spec/replicas", "value": 1}, limit]))
    patches += [deleted("HorizontalPodAutoscaler", "autoscaling/v2", name)
                for name in scaled(topology)]
    return {**KUSTOMIZATION, "resources": ["../../base"],
            "secretGenerator": [{"name": SECRET, "envs": [SECRETS_FILE]}],
            "patches": patches}


def production(topology: Topology) -> dict:
    """Two replicas or more, autoscaled up to six; a load balancer in front, TLS-only (443,
    and 80 redirecting); real secrets, the certificate among them.

    Deployments state no replica count: their HPA owns it, so a re-apply never fights it.
    """
    patches = []
    for name in scaled(topology):
        minimum = max(PRODUCTION_REPLICAS, topology.service(name).replicas
                      if name in topology.names() else 1)
        patches.append(json_patch("HorizontalPodAutoscaler", name, [
            replace("/spec/minReplicas", minimum),
            replace("/spec/maxReplicas", max(PRODUCTION_MAX_REPLICAS, minimum))]))
    patches.append(json_patch("Service", PUBLIC_SERVICE, [
        {"op": "add", "path": "/spec/type", "value": "LoadBalancer"},
        replace("/spec/ports", tls.service_ports())]))
    patches.append(json_patch("Deployment", ENVOY, tls.deployment_operations(topology)))
    patches.append(json_patch("StatefulSet", "prometheus", [replace(
        "/spec/volumeClaimTemplates/0/spec/resources/requests/storage",
        PRODUCTION_PROMETHEUS_STORAGE)]))
    return {**KUSTOMIZATION, "resources": ["../../base"], "patches": patches,
            "configMapGenerator": [tls.config_map(ENVOY_CONFIG_MAP)]}


OVERLAYS = {"local": local, "production": production}
HEADERS = {
    "local": ("# One replica each, small limits: for kind, minikube, k3d. Its secrets are made\n"
              f"# on first render into {SECRETS_FILE} here (0600, ignored by git).\n"),
    "production": (f"# Needs the Secret {SECRET} (keys: {', '.join(KEYS)}), created\n"
                   "# by the operator and never committed, e.g.\n"
                   f"#   kubectl create secret generic {SECRET} --from-literal=database-url=...\n"
                   f"# and the TLS Secret {tls.TLS_SECRET} of the edge's certificate (cert-manager,"
                   "\n# or `astroshop certs show` for the local CA's files):\n"
                   f"#   kubectl create secret tls {tls.TLS_SECRET} --cert=cert.pem "
                   "--key=key.pem\n"),
}
