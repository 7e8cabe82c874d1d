"""`astroshop k8s apply`: kubectl against the current context, after checking there is one."""
from __future__ import annotations

import subprocess

from harness.k8s.kustomize import kubectl

REQUEST_TIMEOUT = "10s"


class ClusterUnavailable(RuntimeError):
    """No current context, or its API server does not answer."""


def run(args: list[str], stdin: str | None = None) -> subprocess.CompletedProcess:
    """kubectl with `args`, output captured."""
    return subprocess.run([kubectl(), *args], input=stdin, capture_output=True, text=True,
                          timeout=300)


def current_context() -> str:
    """The kubeconfig's current context, or ClusterUnavailable saying how to set one."""
    result = run(["config", "current-context"])
    if result.returncode != 0 or not result.stdout.strip():
        raise ClusterUnavailable("no Kubernetes cluster: kubectl has no current context "
                                 f"({result.stderr.strip() or 'empty kubeconfig'}); point "
                                 "KUBECONFIG at a cluster or `kubectl config use-context NAME`")
    return result.stdout.strip()


def require_cluster() -> str:
    """The current context, checked to answer /readyz; ClusterUnavailable otherwise."""
    context = current_context()
    result = run(["get", "--raw", "/readyz", f"--request-timeout={REQUEST_TIMEOUT}"])
    if result.returncode != 0:
        reason = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "no answer"
        raise ClusterUnavailable(f"the cluster of context {context!r} is unreachable: {reason}")
    return context


POD_SECURITY = "restricted"  # every pod of the shop meets the strictest Pod Security Standard


def namespace(name: str) -> dict:
    """A Namespace object, applied first so a fresh cluster needs no manual step; the API
    server refuses any pod in it that breaks the "restricted" Pod Security Standard."""
    levels = {f"pod-security.kubernetes.io/{mode}": POD_SECURITY
              for mode in ("enforce", "audit", "warn")}
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": {
        "app.kubernetes.io/part-of": "astroshop", **levels,
        "pod-security.kubernetes.io/enforce-version": "latest"}}}


def apply(manifests: str, namespace: str, dry_run: bool = False) -> str:
    """Apply the rendered manifests in `namespace` (server-side); return kubectl's output."""
    context = require_cluster()
    args = ["apply", "--server-side", "--field-manager=astroshop", "-n", namespace, "-f", "-"]
    if dry_run:
        args.append("--dry-run=server")
    result = run(args, stdin=manifests)
    if result.returncode != 0:
        raise ClusterUnavailable(f"kubectl apply to {context!r} failed: {result.stderr.strip()}")
    return result.stdout
