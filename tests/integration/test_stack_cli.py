"""`astroshop up | status | logs | purchase | down` as a person runs them: real processes, clear refusals."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
import requests

from harness.certs import trust
from tests.support import ports

ASTROSHOP = Path(sys.executable).parent / "astroshop"


def run(run_dir: Path, offset: int, *args: str,
        timeout: float = 150) -> subprocess.CompletedProcess:
    """Run the astroshop command against `run_dir` at the port offset `offset`."""
    env = {**os.environ, "ASTROSHOP_RUN_DIR": str(run_dir), "ASTROSHOP_PORT_OFFSET": str(offset),
           "COLUMNS": "200"}
    env.pop(trust.CA_ENV, None)  # the command finds its own stack's CA in `run_dir`
    return subprocess.run([str(ASTROSHOP), *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def tree_pids(pid: int) -> set[int]:
    """A process and all its descendants."""
    root = psutil.Process(pid)
    return {root.pid, *(child.pid for child in root.children(recursive=True))}


@pytest.fixture(scope="module")
def offset():
    """The module's port offset, held by the allocator while the module runs."""
    with ports.stack_offset() as lease:
        yield lease.offset


@pytest.fixture(scope="module")
def started(tmp_path_factory, offset):
    run_dir = tmp_path_factory.mktemp("cli-run")
    result = run(run_dir, offset, "up", "--replicas", "catalog=2", "--tls-only")
    assert result.returncode == 0, result.stdout + result.stderr
    yield run_dir, result
    run(run_dir, offset, "down")


def test_up_reports_every_process_healthy_and_the_urls(started, offset):
    _, result = started
    assert "processes healthy" in result.stdout
    assert f"https://127.0.0.1:{8443 + offset}/" in result.stdout
    assert f"http://127.0.0.1:{8080 + offset}/ (redirects to HTTPS)" in result.stdout


def test_purchase_prints_the_order_id_and_its_page_in_the_store(started, offset):
    run_dir, _ = started
    result = run(run_dir, offset, "purchase")
    assert result.returncode == 0, result.stdout + result.stderr
    order_id = result.stdout.strip().splitlines()[-1].removeprefix("ORDER_ID=")
    page = f"https://127.0.0.1:{8443 + offset}/order/{order_id}"
    assert f"order page  {page}" in result.stdout
    shown = requests.get(page, timeout=10, verify=run_dir / "tls" / "ca.pem")
    assert shown.status_code == 200 and order_id in shown.text


def test_status_json_lists_every_replica_healthy(started, offset):
    run_dir, _ = started
    result = run(run_dir, offset, "status", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["name"]: row for row in json.loads(result.stdout)["processes"]}
    assert {"catalog-0", "catalog-1", "envoy", "prometheus", "checkout-0"} <= set(rows)
    assert rows["catalog-1"]["port"] == 7011 + offset
    unhealthy = {name: row["health"] for name, row in rows.items() if row["health"] != "healthy"}
    assert not unhealthy, f"not healthy: {unhealthy}"
    assert all(row["pid"] and row["rss_mb"] > 0 for row in rows.values())
    status = json.loads(result.stdout)
    assert status["edge_https_url"] == f"https://127.0.0.1:{8443 + offset}"
    assert status["ca_file"] == str(run_dir / "tls" / "ca.pem")


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_tls_only_moves_reads_to_https(started, offset, method):
    plain = f"http://127.0.0.1:{8080 + offset}/api/products?category=filters"
    response = requests.request(method, plain, timeout=10, allow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == (f"https://127.0.0.1:{8443 + offset}"
                                            "/api/products?category=filters")


def test_tls_only_refuses_a_write_in_clear_text(started, offset):
    plain = f"http://127.0.0.1:{8080 + offset}/api/carts/abc/items"
    response = requests.post(plain, json={"product_id": "x", "quantity": 1}, timeout=10,
                             allow_redirects=False)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert "HTTPS only" in response.json()["detail"]


def test_starting_twice_is_refused_naming_the_run_directory(started, offset):
    run_dir, _ = started
    result = run(run_dir, offset, "up")
    assert result.returncode == 1
    assert "already running" in result.stderr and "already running" not in result.stdout
    assert str(run_dir) in " ".join(result.stderr.split())
    assert "Traceback" not in result.stdout + result.stderr


def test_busy_ports_are_named_and_nothing_is_started(started, offset, tmp_path):
    result = run(tmp_path / "second", offset, "up")
    assert result.returncode == 1
    assert "already in use" in result.stderr and str(8080 + offset) in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "second" / "supervisord.pid").exists()


def test_logs_of_one_process(started, offset):
    run_dir, _ = started
    result = run(run_dir, offset, "logs", "envoy", "-n", "5")
    assert result.returncode == 0
    # the access log (JSON, one line a request) beside Envoy's own warnings, if any
    entries = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert entries and all(entry["listener"] in ("public", "public_https", "public_redirect")
                           or entry["listener"].startswith("mesh_") for entry in entries)


@pytest.mark.parametrize("value", ["catalog", "catalog=x", "nosuch=2", "catalog=12"])
def test_bad_replicas_are_refused_with_exit_2(value, offset, tmp_path):
    result = run(tmp_path, offset, "up", "--replicas", value)
    assert result.returncode == 2, result.stdout
    assert "error" in result.stderr and "Traceback" not in result.stdout + result.stderr


def test_down_leaves_no_process_behind(tmp_path):
    run_dir = tmp_path / "short-lived"
    with ports.stack_offset() as lease:
        up = run(run_dir, lease.offset, "up")
        assert up.returncode == 0, up.stdout + up.stderr
        supervisord = int((run_dir / "supervisord.pid").read_text())
        pids = tree_pids(supervisord)
        assert len(pids) > 12, "expected supervisord, every service, Envoy and Prometheus"
        down = run(run_dir, lease.offset, "down", timeout=60)
    assert down.returncode == 0 and "stopped" in down.stdout
    alive = [pid for pid in pids if psutil.pid_exists(pid)
             and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE]
    assert not alive, f"still running after down: {alive}"
