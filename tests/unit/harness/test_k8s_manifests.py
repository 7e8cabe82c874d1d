"""k8s/: equal to its rendering; both overlays valid; configs accepted by Envoy and promtool."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.containers import configs
from harness.k8s import kustomize, tree, validate
from harness.k8s.overlays import OVERLAYS
from harness.model import budgets
from harness.model.topology import Topology

ENVOY = Path(sys.executable).parent / "envoy"


@pytest.fixture(scope="module")
def rendered() -> dict[str, list[dict]]:
    """Every overlay's objects, as kustomize (kubectl kustomize) renders them."""
    return {name: kustomize.build(name) for name in OVERLAYS}


def by_kind(objects: list[dict], kind: str) -> dict[str, dict]:
    """The objects of one kind, by name."""
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


def test_the_committed_tree_is_the_rendering_of_the_topology():
    assert tree.drift() == [], "k8s/ is out of date: run `astroshop k8s generate`"


def test_generate_check_reports_a_stale_file(tmp_path, monkeypatch):
    tree.write(tmp_path)
    assert tree.drift(tmp_path) == []
    (tmp_path / "base" / "edge.yaml").write_text("# edited by hand\n")
    (tmp_path / "overlays" / "local" / "kustomization.yaml").unlink()
    assert tree.drift(tmp_path) == ["base/edge.yaml", "overlays/local/kustomization.yaml"]
    monkeypatch.setattr(tree, "K8S_DIR", tmp_path)
    result = CliRunner().invoke(main, ["k8s", "generate", "--check"])
    assert result.exit_code == 1 and "base/edge.yaml" in result.output


@pytest.mark.parametrize("overlay", sorted(OVERLAYS))
def test_both_overlays_pass_schemas_and_rules(rendered, overlay):
    assert validate.validate(rendered[overlay]) == []


def test_the_validate_command_passes_for_both_overlays():
    result = CliRunner().invoke(main, ["k8s", "validate"])
    assert result.exit_code == 0, result.output
    assert "local:" in result.output and "production:" in result.output


def test_the_local_overlay_runs_one_small_replica_without_autoscaling(rendered):
    local = rendered["local"]
    assert not by_kind(local, "HorizontalPodAutoscaler")
    for name, workload in {**by_kind(local, "Deployment"), **by_kind(local, "StatefulSet")}.items():
        assert workload["spec"]["replicas"] == 1, name
        limit = workload["spec"]["template"]["spec"]["containers"][0]["resources"]["limits"]
        assert limit["memory"] == f"{budgets.budget(name, small=True).memory_limit_mi}Mi", name
    assert by_kind(local, "Secret"), "the local overlay generates its dev-only Secret"


def test_production_scales_out_behind_a_load_balancer_with_secrets_from_outside(rendered):
    production = rendered["production"]
    hpas = by_kind(production, "HorizontalPodAutoscaler")
    assert set(hpas) == {*Topology().names(), "envoy"}
    for name, deployment in by_kind(production, "Deployment").items():
        assert "replicas" not in deployment["spec"], f"{name}: the HPA owns the replica count"
        assert hpas[name]["spec"]["minReplicas"] >= 2, name
        assert hpas[name]["spec"]["maxReplicas"] >= hpas[name]["spec"]["minReplicas"]
    assert by_kind(production, "Service")["envoy-public"]["spec"]["type"] == "LoadBalancer"
    assert not by_kind(production, "Secret"), "production Secrets are never committed"
    checkout = by_kind(production, "Deployment")["checkout"]["spec"]["template"]["spec"]
    env = {e["name"]: e for e in checkout["containers"][0]["env"]}
    assert env["ASTROSHOP_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "database-url"


def test_services_probe_readyz_and_healthz_with_budgets_from_measured_rss(rendered):
    for name in Topology().names():
        deployment = by_kind(rendered["production"], "Deployment")[name]
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        assert container["resources"] == budgets.budget(name).resources()
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]


def test_config_maps_carry_the_topologys_environment(rendered):
    maps = by_kind(rendered["local"], "ConfigMap")
    hashed = [name for name in maps if name.startswith("frontend-env-")]
    assert len(hashed) == 1, "a generated name: a changed variable rolls the pods"
    frontend = maps[hashed[0]]["data"]
    assert frontend["SERVICE_PORT"] == "7000"
    assert frontend["ASTROSHOP_MESH_URL"] == "http://envoy:10000"
    assert "ASTROSHOP_REQUIRED_DEPENDENCIES" not in frontend, "readiness is the process's own"
    assert "ASTROSHOP_SECRET_KEY" not in frontend
    assert "astroshop-flags" in maps, "fault flags are editable live, without a hash suffix"


def test_the_envoy_config_is_accepted_by_envoy(tmp_path):
    path = tmp_path / "envoy.yaml"
    path.write_text((configs.CONFIG_DIR / configs.ENVOY_FILE).read_text())
    result = subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.skipif(shutil.which("promtool") is None,
                    reason="promtool (Debian package prometheus) is not installed")
def test_the_rules_and_scrape_config_are_accepted_by_promtool(tmp_path):
    rules = subprocess.run(["promtool", "check", "rules",
                            str(configs.CONFIG_DIR / configs.RULES_FILE)],
                           capture_output=True, text=True)
    assert rules.returncode == 0, rules.stdout + rules.stderr
    config = tmp_path / "prometheus.yml"
    config.write_text((configs.CONFIG_DIR / configs.PROMETHEUS_FILE).read_text().replace(
        f"/etc/prometheus/{configs.RULES_FILE}", str(configs.CONFIG_DIR / configs.RULES_FILE)))
    checked = subprocess.run(["promtool", "check", "config", str(config)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_render_moves_only_the_shops_images():
    result = CliRunner().invoke(main, ["k8s", "render", "--overlay", "production",
                                       "--registry", "ghcr.io/astro", "--tag", "abc"])
    assert result.exit_code == 0
    images = {line.split("image:")[1].strip() for line in result.output.splitlines()
              if "image:" in line}
    assert images == {f"ghcr.io/astro/astroshop/{name}:abc"
                      for name in ("shop", "envoy", "prometheus", "postgres", "redis")}


def test_production_is_tls_only_with_the_certificate_from_a_tls_secret(rendered):
    production = rendered["production"]
    public = by_kind(production, "Service")["envoy-public"]["spec"]["ports"]
    assert {(p["port"], p["targetPort"]) for p in public} == {(443, "https"), (80, "public")}
    pod = by_kind(production, "Deployment")["envoy"]["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert volumes["tls"]["secret"]["secretName"] == "envoy-tls"
    mounts = {m["name"]: m for m in pod["containers"][0]["volumeMounts"]}
    assert mounts["tls"] == {"name": "tls", "mountPath": "/etc/envoy/tls", "readOnly": True}
    config = next(obj for obj in production if obj["kind"] == "ConfigMap"
                  and obj["metadata"]["name"].startswith("envoy-config"))
    assert set(config["data"]) == {"envoy.yaml", "sds.yaml"}
    assert "https_redirect: true" in config["data"]["envoy.yaml"]
    assert "/etc/envoy/tls/tls.key" in config["data"]["sds.yaml"]
    local = by_kind(rendered["local"], "Service")["envoy-public"]["spec"]["ports"]
    assert [p["port"] for p in local] == [8080], "the local overlay keeps plain HTTP"
