"""`astroshop engine`: which client runs, dockerd's config, who may be stopped, and the
commands' answers (the engine itself runs in tests/integration/test_docker_engine.py)."""
from __future__ import annotations

import json
import os
import time
from unittest import mock

import psutil
import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.containers import daemon, engine, lifecycle
from harness.containers.enginefiles import EngineFiles, Started
from harness.containers.hostnet import NetworkState
from harness.paths import RunPaths


@pytest.fixture
def files(tmp_path, monkeypatch) -> EngineFiles:
    """The engine files of a fresh run directory."""
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    return EngineFiles.of(RunPaths(tmp_path))


def test_the_client_is_the_variable_then_debians_then_the_path(monkeypatch, tmp_path):
    monkeypatch.setenv(engine.CLIENT_VARIABLE, "/opt/docker/bin/docker")
    assert engine.client_binary() == "/opt/docker/bin/docker"
    monkeypatch.delenv(engine.CLIENT_VARIABLE)
    monkeypatch.setattr(engine, "DEBIAN_CLIENT", tmp_path / "docker")
    assert engine.client_binary() == "docker"
    (tmp_path / "docker").touch()
    assert engine.client_binary() == str(tmp_path / "docker")


def test_the_client_runs_with_the_venvs_plugin_directory():
    with mock.patch("harness.containers.engine.DockerClient") as client_class:
        engine.docker_client(compose_files=["x.yaml"])
    kwargs = client_class.call_args.kwargs
    assert kwargs["client_call"] == [engine.client_binary()]
    assert kwargs["config"] == engine.plugin_config() and kwargs["compose_files"] == ["x.yaml"]


def test_dockerd_never_touches_the_firewall_and_keeps_to_its_own_subnets(files, monkeypatch):
    monkeypatch.setenv(daemon.DATA_ROOT_VARIABLE, "/srv/engine")
    config = daemon.daemon_config(files, "unix:///run/custom.sock")
    assert config["iptables"] is False and config["ip-forward"] is False
    assert config["ip-masq"] is False
    assert config["hosts"] == ["unix:///run/custom.sock"] and config["data-root"] == "/srv/engine"
    assert config["pidfile"] == str(files.pid) and files.pid.parent == files.root
    assert config["bip"].startswith("10.78.") and config["default-address-pools"][0][
        "base"].startswith("10.79.")


def test_an_engine_is_only_started_on_a_unix_socket():
    with pytest.raises(engine.EngineUnavailable, match="unix socket"):
        daemon.socket_of("tcp://10.0.0.1:2375")


def test_the_state_round_trips(files):
    files.root.mkdir(parents=True)
    started = Started(42, 1.5, "unix:///x.sock", "/data", NetworkState({"iptables": "*f"}, "0",
                                                                       ["lo"]))
    started.save(files.state)
    assert Started.load(files.state) == started
    assert Started.load(files.root / "missing.json") is None


def test_only_the_recorded_process_is_recognised():
    me = psutil.Process(os.getpid())
    mine = Started(me.pid, me.create_time(), "", "", NetworkState())
    assert daemon.recorded_process(mine).pid == me.pid
    reused = Started(me.pid, me.create_time() - 1, "", "", NetworkState())
    assert daemon.recorded_process(reused) is None, "a recycled pid is not ours"


def test_down_without_a_state_stops_nothing(files):
    with mock.patch("harness.containers.daemon.terminate") as terminate:
        result = CliRunner().invoke(main, ["engine", "down"])
    assert result.exit_code == 0 and "nothing to stop" in result.output
    terminate.assert_not_called()


def test_down_of_a_dead_engine_still_puts_the_host_back(files):
    files.root.mkdir(parents=True)
    Started(2**22 + 7, time.time(), "unix:///x", "/d", NetworkState()).save(files.state)
    with mock.patch("harness.containers.hostnet.snapshot", return_value=NetworkState()), \
            mock.patch("harness.containers.hostnet.restore",
                       return_value=["removed link docker0"]) as restore:
        result = CliRunner().invoke(main, ["engine", "down"])
    assert result.exit_code == 0, result.output
    assert "had already exited" in result.output and "removed link docker0" in result.output
    restore.assert_called_once()
    assert not files.state.exists()


def test_up_leaves_an_answering_engine_alone(files):
    with mock.patch("harness.containers.lifecycle.answering", return_value=True), \
            mock.patch("harness.containers.daemon.launch") as launch:
        result = CliRunner().invoke(main, ["engine", "up"])
    assert result.exit_code == 0 and "not started here" in result.output
    launch.assert_not_called()


def test_status_json_and_exit_code_without_an_engine(files):
    with mock.patch("harness.containers.lifecycle.answering", return_value=False):
        result = CliRunner().invoke(main, ["engine", "status", "--json"])
    assert result.exit_code == 3
    report = json.loads(result.output)
    assert report["answering"] is False and report["started_here"] is False
    assert report["client"] == engine.client_binary()


def test_up_reports_dockerd_exiting_with_its_log(files):
    process = mock.Mock(pid=99)
    process.is_running.return_value = False
    process.create_time.return_value = 1.0

    def launch(files_):
        files_.root.mkdir(parents=True, exist_ok=True)
        files_.log.write_text("level=fatal msg=\"address already in use\"\n")
        return process

    with mock.patch("harness.containers.lifecycle.answering", return_value=False), \
            mock.patch("harness.containers.daemon.launch", side_effect=launch), \
            mock.patch("harness.containers.hostnet.snapshot", return_value=NetworkState()), \
            mock.patch("harness.containers.hostnet.restore", return_value=[]):
        with pytest.raises(engine.EngineUnavailable, match="address already in use"):
            lifecycle.up(files, timeout=5)
    assert not files.state.exists()
