"""shop.common.serve, started for real: one worker serves in the process that was started (no
gunicorn master), stops gracefully on SIGTERM, runs the settings' on_starting hook; more
workers run under gunicorn's master."""
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest
import requests

from harness.polling import poll_until
from tests.support.ports import single_port

HERE = Path(__file__).parent


@pytest.fixture
def port():
    with single_port() as lease:
        yield lease.port


def start(port: int, workers: int, env: dict | None = None) -> subprocess.Popen:
    """The test app under shop.common.serve with the services' settings, answering."""
    command = [sys.executable, "-m", "shop.common.serve", "-c", "python:shop.common.gunicorn_conf",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", "2",
               "--pythonpath", str(HERE), "serve_app:create_app()"]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"

    def answering():
        assert process.poll() is None, process.stderr.read()
        try:
            return requests.get(url, timeout=1).text == "fast"
        except requests.ConnectionError:
            return False
    poll_until(answering, 30, "the test app answering")
    return process


def stopped(process: subprocess.Popen, sig: signal.Signals = signal.SIGTERM) -> int:
    """Send `sig` and wait for the exit code."""
    process.send_signal(sig)
    return process.wait(15)


def test_one_worker_serves_in_the_started_process(port):
    process = start(port, 1)
    try:
        assert psutil.Process(process.pid).children() == []
        assert requests.get(f"http://127.0.0.1:{port}/", timeout=5).text == "fast"
    finally:
        assert stopped(process) == 0


def test_sigterm_lets_the_request_in_flight_finish_then_refuses_new_ones(port):
    process = start(port, 1)
    answers = []
    request = threading.Thread(target=lambda: answers.append(
        requests.get(f"http://127.0.0.1:{port}/slow", timeout=10)))
    request.start()
    poll_until(lambda: any(c.status == psutil.CONN_ESTABLISHED and c.laddr.port == port
                           for c in psutil.Process(process.pid).net_connections()),
               5, "the slow request reaching the server")
    process.send_signal(signal.SIGTERM)
    request.join(10)
    assert process.wait(15) == 0
    assert [(a.status_code, a.text) for a in answers] == [(200, "slow")]
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/", timeout=2)


def test_the_settings_hook_empties_the_metrics_folder_at_start(port, tmp_path):
    stale = tmp_path / "metrics" / "counter_4242.db"
    stale.parent.mkdir()
    stale.write_bytes(b"old samples")
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(stale.parent)}
    process = start(port, 1, env)
    try:
        assert stale.parent.is_dir() and not stale.exists()
    finally:
        assert stopped(process) == 0


def test_two_workers_run_under_gunicorns_master(port):
    process = start(port, 2)
    try:
        poll_until(lambda: len(psutil.Process(process.pid).children()) == 2, 15,
                   "the master's two workers")
    finally:
        assert stopped(process) == 0
