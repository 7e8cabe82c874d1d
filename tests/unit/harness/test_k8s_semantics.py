"""Kubernetes with the containers' images and semantics: kustomize `images:` (nothing rewritten
after kustomize), generated ConfigMaps, spread and preStop, Pod Security "restricted", HPAs from
the measured CPU, the prometheus-operator component checked against its CRDs' schemas, and no
committed password."""
from __future__ import annotations

import copy
import stat
import subprocess

import pytest

from harness.k8s import kustomize, secrets, validate
from harness.k8s.tree import K8S_DIR
from harness.model import budgets
from harness.paths import REPO_ROOT


@pytest.fixture(scope="module")
def production() -> list[dict]:
    """The production overlay with the prometheus-operator component, moved to a registry."""
    return kustomize.build("production", registry="registry.example/team", tag="1.2.3",
                           components=("prometheus-operator",))


def kinds(objects: list[dict], kind: str) -> dict[str, dict]:
    """The objects of one kind, by name."""
    return {obj["metadata"]["name"]: obj for obj in objects if obj["kind"] == kind}


def test_kustomize_moves_every_image_to_the_registry_and_tag(production):
    found = {c["image"] for obj in production for c in kustomize.containers(obj)}
    assert found == {f"registry.example/team/astroshop/{name}:1.2.3"
                     for name in ("shop", "envoy", "prometheus", "postgres", "redis")}
    assert not hasattr(kustomize, "with_images"), "no rewriting in Python after kustomize"


def test_deployments_spread_drain_and_take_generated_config(production):
    maps = set(kinds(production, "ConfigMap"))
    for name, deployment in kinds(production, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        keys = {c["topologyKey"] for c in pod["topologySpreadConstraints"]}
        assert keys == {"kubernetes.io/hostname", "topology.kubernetes.io/zone"}, name
        main = pod["containers"][0]
        assert main["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep", name
        for source in main.get("envFrom", []):
            assert source["configMapRef"]["name"] in maps, name
            assert source["configMapRef"]["name"].startswith(f"{name}-env-"), "hash suffix"


def test_autoscalers_target_the_measured_cpu(production):
    for name, hpa in kinds(production, "HorizontalPodAutoscaler").items():
        target = hpa["spec"]["metrics"][0]["resource"]["target"]
        assert target == {"type": "AverageValue", "averageValue": f"{budgets.hpa_target_m(name)}m"}


def test_the_operator_component_passes_its_crd_schemas_and_they_catch_mistakes(production):
    monitors = kinds(production, "ServiceMonitor")
    rule = kinds(production, "PrometheusRule")["astroshop-slo"]
    assert set(monitors) == {"astroshop-services", "astroshop-envoy"}
    assert validate.validate(production) == []
    assert any(r.get("alert") for g in rule["spec"]["groups"] for r in g["rules"])
    broken = copy.deepcopy(monitors["astroshop-envoy"])
    broken["spec"]["endpoints"][0]["interval"] = "five seconds"
    broken["spec"]["selectr"] = {}
    errors = validate.schema_errors([broken])
    assert any("interval" in e for e in errors) and any("selectr" in e for e in errors), errors
    no_expr = copy.deepcopy(rule)
    del no_expr["spec"]["groups"][0]["rules"][0]["expr"]
    assert validate.schema_errors([no_expr]), "a rule without expr"


def test_pods_that_break_the_restricted_standard_are_reported(production):
    deployment = copy.deepcopy(kinds(production, "Deployment")["catalog"])
    pod = deployment["spec"]["template"]["spec"]
    del pod["securityContext"]["seccompProfile"]
    pod["containers"][0]["securityContext"]["capabilities"] = {"drop": []}
    pod["volumes"].append({"name": "host", "hostPath": {"path": "/"}})
    problems = validate.rule_errors([deployment])
    assert any("seccomp" in p for p in problems) and any("capabilities" in p for p in problems)
    assert any("hostPath" in p for p in problems)


def test_the_local_secrets_are_generated_not_committed(tmp_path):
    path = secrets.ensure_local_secrets(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    values = dict(line.split("=", 1) for line in path.read_text().splitlines())
    assert set(values) == set(secrets.KEYS) and values["postgres-password"] in values[
        "database-url"]
    assert secrets.ensure_local_secrets(tmp_path).read_text() == path.read_text(), "kept"
    tracked = subprocess.run(["git", "ls-files", str(K8S_DIR)], cwd=REPO_ROOT,
                             capture_output=True, text=True, check=True).stdout
    assert secrets.SECRETS_FILE not in tracked


@pytest.mark.parametrize("phrase", ["local-only-password", "PASSWORD:-astroshop",
                                    "POSTGRES_PASSWORD: astroshop"])
def test_no_default_password_anywhere_in_the_repository(phrase):
    found = subprocess.run(["git", "grep", "-l", "-F", phrase, "--", ".", ":!tests"],
                           cwd=REPO_ROOT, capture_output=True, text=True).stdout
    assert found == "", f"{phrase!r} in {found}"
