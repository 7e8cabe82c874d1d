"""`astroshop k8s validate`: schemas of a pinned Kubernetes version, then the project's rules."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema
import kubernetes_validate
from kubernetes_validate import utils as schema_files
from kubernetes_validate.utils import SchemaNotFoundError

from harness.k8s.kustomize import containers

KUBERNETES_VERSION = "1.34.0"  # the newest schemas kubernetes-validate 1.34.1 ships
CRD_SCHEMAS = {("monitoring.coreos.com/v1", "ServiceMonitor"): "servicemonitor.json",
               ("monitoring.coreos.com/v1", "PrometheusRule"): "prometheusrule.json"}
CRD_DIR = Path(__file__).with_name("crds")
WORKLOADS = ("Deployment", "StatefulSet", "DaemonSet")
PROBES = ("readinessProbe", "livenessProbe")


def name_of(obj: dict) -> str:
    """`Kind/name` of an object."""
    return f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"


def cache_schemas() -> None:
    """Parse each schema file once: kubernetes-validate re-reads them for every object."""
    if not hasattr(schema_files.schema_contents, "cache_info"):
        schema_files.schema_contents = lru_cache(maxsize=None)(schema_files.schema_contents)


@lru_cache(maxsize=None)
def crd_validator(name: str) -> jsonschema.protocols.Validator:
    """The validator of one custom resource's schema (harness/k8s/crds/)."""
    schema = json.loads((CRD_DIR / name).read_text())
    return jsonschema.validators.validator_for(schema)(schema)


def crd_errors(obj: dict, name: str) -> list[str]:
    """A custom resource checked against its CRD's schema."""
    return [f"{name_of(obj)}: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in crd_validator(name).iter_errors(obj)]


def schema_errors(objects: list[dict], version: str = KUBERNETES_VERSION) -> list[str]:
    """Every object checked (strictly: no unknown fields) against the OpenAPI schemas, custom
    resources against their CRDs' schemas."""
    cache_schemas()
    errors = []
    for obj in objects:
        crd = CRD_SCHEMAS.get((obj.get("apiVersion"), obj.get("kind")))
        if crd:
            errors += crd_errors(obj, crd)
            continue
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except jsonschema.ValidationError as exc:
            where = "/".join(str(part) for part in exc.absolute_path) or "(top)"
            errors.append(f"{name_of(obj)}: {where}: {exc.message}")
        except SchemaNotFoundError as exc:
            errors.append(f"{name_of(obj)}: {exc.message}")
    return errors


def runs_as_non_root(pod: dict, container: dict) -> bool:
    """Whether the container is forced to a non-root user (its own or the pod's context)."""
    own, pod_level = container.get("securityContext", {}), pod.get("securityContext", {})
    non_root = own.get("runAsNonRoot", pod_level.get("runAsNonRoot"))
    user = own.get("runAsUser", pod_level.get("runAsUser"))
    return bool(non_root) and user != 0


def container_errors(obj: dict) -> list[str]:
    """Each container: both probes, CPU and memory limits, a non-root user, a read-only root."""
    errors, pod = [], obj["spec"]["template"]["spec"]
    for container in containers(obj):
        where = f"{name_of(obj)} container {container['name']}"
        errors += [f"{where}: no {probe}" for probe in PROBES if probe not in container]
        limits = container.get("resources", {}).get("limits", {})
        errors += [f"{where}: no {kind} limit" for kind in ("cpu", "memory") if kind not in limits]
        if not runs_as_non_root(pod, container):
            errors.append(f"{where}: may run as root (set runAsNonRoot and a non-zero runAsUser)")
        if not container.get("securityContext", {}).get("readOnlyRootFilesystem"):
            errors.append(f"{where}: root filesystem is writable")
        errors += [f"{where}: {problem}" for problem in restricted_problems(pod, container)]
    return errors


def restricted_problems(pod: dict, container: dict) -> list[str]:
    """What breaks the "restricted" Pod Security Standard (the namespace enforces it)."""
    own, pod_level = container.get("securityContext", {}), pod.get("securityContext", {})
    problems = []
    if own.get("allowPrivilegeEscalation") is not False:
        problems.append("may escalate privileges (allowPrivilegeEscalation: false)")
    if "ALL" not in own.get("capabilities", {}).get("drop", []):
        problems.append("keeps capabilities (drop ALL)")
    seccomp = own.get("seccompProfile", pod_level.get("seccompProfile", {})).get("type")
    if seccomp not in ("RuntimeDefault", "Localhost"):
        problems.append("no seccomp profile (RuntimeDefault)")
    if any("hostPath" in volume for volume in pod.get("volumes", [])):
        problems.append("mounts a hostPath volume")
    return problems


def selects(policy: dict, pod_labels: dict) -> bool:
    """Whether a NetworkPolicy names these pods by label (a catch-all deny does not count)."""
    wanted = policy["spec"].get("podSelector", {}).get("matchLabels", {})
    return bool(wanted) and all(pod_labels.get(key) == value for key, value in wanted.items())


def policy_errors(objects: list[dict]) -> list[str]:
    """A default-deny policy exists and every workload has a policy of its own."""
    policies = [obj for obj in objects if obj.get("kind") == "NetworkPolicy"]
    errors = [] if any(p["spec"].get("podSelector") == {} and
                       set(p["spec"].get("policyTypes", [])) == {"Ingress", "Egress"}
                       for p in policies) else ["no default-deny NetworkPolicy (podSelector {})"]
    for obj in objects:
        if obj.get("kind") in WORKLOADS:
            pod_labels = obj["spec"]["template"]["metadata"].get("labels", {})
            if not any(selects(policy, pod_labels) for policy in policies):
                errors.append(f"{name_of(obj)}: no NetworkPolicy selects its pods")
    return errors


def rule_errors(objects: list[dict]) -> list[str]:
    """The project's own rules, beyond the schemas."""
    errors = []
    for obj in objects:
        if obj.get("kind") in WORKLOADS:
            errors += container_errors(obj)
    return errors + policy_errors(objects)


def validate(objects: list[dict], version: str = KUBERNETES_VERSION) -> list[str]:
    """Every problem found: schema errors first, then rule violations; empty when valid."""
    return schema_errors(objects, version) + rule_errors(objects)
