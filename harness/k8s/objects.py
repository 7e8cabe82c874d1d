"""Building blocks shared by every manifest: labels, metadata, probes, security contexts."""
from __future__ import annotations

from harness.containers.configs import APP_UID
from harness.model import budgets

PART_OF = "astroshop"
NAME_LABEL = "app.kubernetes.io/name"
TMP_VOLUME = {"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}
TMP_MOUNT = {"name": "tmp", "mountPath": "/tmp"}
# Before SIGTERM, a pod keeps serving while the endpoints controller and Envoy's DNS refresh
# take it out of rotation; then gunicorn and Envoy drain what is in flight.
PRE_STOP = {"preStop": {"exec": {"command": ["sleep", "5"]}}}
GRACE_S = 30


def selector(name: str) -> dict:
    """The labels that select the pods of workload `name`."""
    return {NAME_LABEL: name}


def labels(name: str, component: str) -> dict:
    """Every object's labels: its name, its component and the application."""
    return {**selector(name), "app.kubernetes.io/component": component,
            "app.kubernetes.io/part-of": PART_OF}


def metadata(name: str, component: str) -> dict:
    """Object metadata with the standard labels."""
    return {"name": name, "labels": labels(name, component)}


def http_probe(path: str, port: str, period_s: int, failures: int = 3) -> dict:
    """An HTTP GET probe on a named container port."""
    return {"httpGet": {"path": path, "port": port}, "periodSeconds": period_s,
            "timeoutSeconds": 2, "failureThreshold": failures}


def exec_probe(command: list[str], period_s: int) -> dict:
    """A probe that runs `command` in the container."""
    return {"exec": {"command": command}, "periodSeconds": period_s, "timeoutSeconds": 3,
            "failureThreshold": 3}


def container_security() -> dict:
    """No privilege escalation, no capabilities, a read-only root filesystem, never root."""
    return {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True,
            "runAsNonRoot": True, "capabilities": {"drop": ["ALL"]}}


def pod_security(uid: int) -> dict:
    """Run every container of the pod as `uid`, volumes writable by its group."""
    return {"runAsNonRoot": True, "runAsUser": uid, "runAsGroup": uid, "fsGroup": uid,
            "seccompProfile": {"type": "RuntimeDefault"}}


def container(name: str, image: str, component: str, **fields) -> dict:
    """A container with the budget measured for `component` and the hardened context."""
    return {"name": name, "image": image, "imagePullPolicy": "IfNotPresent", **fields,
            "resources": budgets.budget(component).resources(),
            "securityContext": container_security()}


def pod_template(name: str, component: str, uid: int, containers: list[dict],
                 volumes: list[dict]) -> dict:
    """A pod template: labels, no service account token, no service links, non-root."""
    return {"metadata": {"labels": labels(name, component)}, "spec": {
        "automountServiceAccountToken": False, "enableServiceLinks": False,
        "securityContext": pod_security(uid), "containers": containers, "volumes": volumes}}


def spread(name: str) -> list[dict]:
    """Replicas of `name` spread across nodes and zones, as evenly as the cluster allows."""
    return [{"maxSkew": 1, "topologyKey": key, "whenUnsatisfiable": "ScheduleAnyway",
             "labelSelector": {"matchLabels": selector(name)}}
            for key in ("kubernetes.io/hostname", "topology.kubernetes.io/zone")]


def stateless(name: str, component: str, main: dict, volumes: list[dict]) -> dict:
    """A Deployment of one container: spread out, drained before it stops (replicas: HPA)."""
    template = pod_template(name, component, APP_UID, [{**main, "lifecycle": PRE_STOP}],
                            volumes)
    template["spec"].update(topologySpreadConstraints=spread(name),
                            terminationGracePeriodSeconds=GRACE_S)
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": metadata(name, component), "spec": {
                "selector": {"matchLabels": selector(name)}, "template": template}}


def service(name: str, component: str, ports: list[dict], headless: bool = False,
            target: str | None = None) -> dict:
    """A Service selecting workload `target` (default `name`); headless lists every pod in DNS."""
    spec: dict = {"selector": selector(target or name), "ports": ports}
    if headless:
        spec = {"clusterIP": "None", **spec}
    return {"apiVersion": "v1", "kind": "Service", "metadata": metadata(name, component),
            "spec": spec}


def port(name: str, number: int) -> dict:
    """A Service port forwarding to the container port of the same name."""
    return {"name": name, "port": number, "targetPort": name, "protocol": "TCP"}


def volume_claim(name: str, size: str) -> dict:
    """A volumeClaimTemplate of `size`, read-write by one node."""
    return {"metadata": {"name": name}, "spec": {
        "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": size}}}}


def stateful_set(name: str, component: str, uid: int, main: dict, volumes: list[dict],
                 claim: dict) -> dict:
    """One pod with its own persistent volume, behind the headless Service `name`."""
    return {"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": metadata(name, component), "spec": {
                "serviceName": name, "replicas": 1,
                "selector": {"matchLabels": selector(name)},
                "template": pod_template(name, component, uid, [main], volumes),
                "volumeClaimTemplates": [claim]}}
