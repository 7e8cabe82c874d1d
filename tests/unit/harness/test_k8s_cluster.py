"""`astroshop k8s apply`: clear messages without a cluster (real kubectl), and what it runs."""
from __future__ import annotations

import subprocess

import pytest
import yaml
from click.testing import CliRunner

from harness.cli import main
from harness.k8s import cluster
from tests.support.servers import free_port


def kubeconfig(path, server: str | None) -> str:
    """A kubeconfig file: empty, or one context whose API server is `server`."""
    config = {"apiVersion": "v1", "kind": "Config", "clusters": [], "contexts": [],
              "users": [], "preferences": {}}
    if server:
        config.update(
            clusters=[{"name": "nowhere", "cluster": {"server": server}}],
            contexts=[{"name": "nowhere", "context": {"cluster": "nowhere", "user": "me"}}],
            users=[{"name": "me", "user": {"token": "t"}}], **{"current-context": "nowhere"})
    path.write_text(yaml.safe_dump(config))
    return str(path)


def test_without_a_context_apply_says_there_is_no_cluster(tmp_path, monkeypatch):
    monkeypatch.setenv("KUBECONFIG", kubeconfig(tmp_path / "config", None))
    result = CliRunner().invoke(main, ["k8s", "apply"])
    assert result.exit_code == 1
    assert "no Kubernetes cluster: kubectl has no current context" in result.output


def test_an_unreachable_api_server_is_named(tmp_path, monkeypatch):
    server = f"https://127.0.0.1:{free_port()}"
    monkeypatch.setenv("KUBECONFIG", kubeconfig(tmp_path / "config", server))
    with pytest.raises(cluster.ClusterUnavailable, match="context 'nowhere' is unreachable"):
        cluster.require_cluster()


def test_apply_sends_the_rendering_server_side_into_the_namespace(monkeypatch):
    calls = []

    def fake_run(args, stdin=None):
        calls.append((args, stdin))
        output = "prod\n" if args[:2] == ["config", "current-context"] else "ok\n"
        return subprocess.CompletedProcess(args, 0, output, "")

    monkeypatch.setattr(cluster, "run", fake_run)
    result = CliRunner().invoke(main, ["k8s", "apply", "--overlay", "production", "-n", "shop",
                                       "--registry", "ghcr.io/astro", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert [args[:2] for args, _ in calls] == [["config", "current-context"], ["get", "--raw"],
                                               ["apply", "--server-side"]]
    args, manifests = calls[-1]
    assert args[args.index("-n") + 1] == "shop" and "--dry-run=server" in args
    documents = list(yaml.safe_load_all(manifests))
    assert documents[0] == cluster.namespace("shop")
    kinds = {doc["kind"] for doc in documents}
    assert {"Deployment", "StatefulSet", "NetworkPolicy", "HorizontalPodAutoscaler"} <= kinds
    assert "image: ghcr.io/astro/astroshop/shop:" in manifests
    labels = documents[0]["metadata"]["labels"]
    assert labels["pod-security.kubernetes.io/enforce"] == "restricted"


def test_a_refused_apply_reports_kubectls_reason(monkeypatch):
    def fake_run(args, stdin=None):
        failed = args[0] == "apply"
        return subprocess.CompletedProcess(args, int(failed), "ctx\n",
                                           "forbidden: namespaces \"shop\"" if failed else "")

    monkeypatch.setattr(cluster, "run", fake_run)
    with pytest.raises(cluster.ClusterUnavailable, match="forbidden"):
        cluster.apply("kind: List\n", "shop")
