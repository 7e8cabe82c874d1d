"""The recipe for a new service, tried in a copy of the tree: one folder under shop/, one entry
in the registry (harness/model/services.py) and, optionally, an slo/ file; then every target
renders it with no other edit: supervisor programs, Envoy (accepted by the real binary),
Prometheus, compose, Kubernetes, the cluster's host variables and the dashboards."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from harness.paths import REPO_ROOT

PARTS = ("harness", "shop", "slo", "dashboards")
RENDER = REPO_ROOT / "tests" / "support" / "every_target.py"
ENVOY = Path(sys.executable).parent / "envoy"
NAME = "telescope"
SERVICE = '''"""Telescope rentals: the service added by test_adding_a_service."""
from flask import Blueprint, Flask, jsonify

from shop.common.app import create_service_app

bp = Blueprint("telescope", __name__)


@bp.get("/api/telescopes")
def telescopes():
    """Every telescope for rent (none yet)."""
    return jsonify({"telescopes": []})


def create_app(test_config=None) -> Flask:
    """Build the telescope service."""
    return create_service_app("telescope", test_config=test_config, blueprints=[bp])
'''
ENTRY = '''    Service("telescope", 7100, "Telescope rentals", calls=("catalog",), stores=("postgres",),
            public_routes=(PublicRoute("/api/telescopes", GET, exact=True),), timeout_ms=1000),
'''
OBJECTIVE = '''objectives:
  - name: telescope-availability
    description: Telescope requests answered without a 5xx.
    sli:
      good: 'astroshop_http_requests_total{service="telescope",status!~"5.."}'
      total: 'astroshop_http_requests_total{service="telescope"}'
    target: 0.995
'''


def add_a_service(root: Path) -> None:
    """The recipe: the service's folder, its registry entry, its objective. Nothing else."""
    (root / "shop" / NAME).mkdir()
    (root / "shop" / NAME / "__init__.py").write_text(SERVICE)
    registry = root / "harness" / "model" / "services.py"
    text = registry.read_text().rstrip()
    assert text.endswith(")"), "SERVICES is no longer the last statement of the registry"
    registry.write_text(text[:-1] + ENTRY + ")\n")
    (root / "slo" / f"{NAME}.yaml").write_text(OBJECTIVE)


def render(root: Path, out: Path) -> tuple[dict, str]:
    """Every target rendered by the copy (its own harness and shop); the report and stderr."""
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("ASTROSHOP_RUN_DIR", None)
    script = shutil.copy(RENDER, root / "every_target.py")
    done = subprocess.run([sys.executable, script, NAME, str(out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout), done.stderr


def validate(config: Path) -> None:
    """The real Envoy accepts the config."""
    done = subprocess.run([str(ENVOY), "--mode", "validate", "-c", str(config), "--log-level",
                           "error"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{config.name}: {done.stdout}{done.stderr}"


def test_adding_a_service(tmp_path):
    root = tmp_path / "tree"
    for part in PARTS:
        shutil.copytree(REPO_ROOT / part, root / part,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    add_a_service(root)
    report, stderr = render(root, tmp_path / "out")
    assert report["trees"] == [str(root), str(root)], "the copy must render, not the repository"
    assert report["health"] == 200
    assert report["supervisor"]
    assert NAME in report["envoy"]["clusters"]
    assert f"{NAME}:/api/telescopes" in report["envoy"]["public_routes"]
    assert NAME in report["prometheus"] and NAME in report["compose"]
    assert f"base/services/{NAME}.yaml" in report["k8s"] and report["k8s_envoy"]
    assert {"base/config/prometheus.yml", "base/network-policies.yaml",
            "base/availability.yaml", "base/config/slo.rules.yml"} <= set(report["k8s"])
    hosts = report["cluster"]
    assert f"{NAME}-0" in hosts["app1"]["replicas"] and f"{NAME}-1" in hosts["app2"]["replicas"]
    assert all(NAME in host["envoy_clusters"] for host in hosts.values())
    assert NAME in hosts["edge1"]["scrape_jobs"]
    assert f"astroshop-red-{NAME}" in report["dashboards"]
    assert f"{NAME}-availability" in report["objectives"]
    assert f"no measured RSS for '{NAME}'" in stderr, "the budget falls back, with a warning"
    for config in sorted((tmp_path / "out").glob("envoy-*.yaml")):
        validate(config)
