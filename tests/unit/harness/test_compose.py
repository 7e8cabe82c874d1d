"""compose.yaml: equal to its rendering from the topology; `astroshop compose` via python-on-whales."""
from __future__ import annotations

import os
from unittest import mock

import pytest
import yaml
from click.testing import CliRunner
from python_on_whales.exceptions import DockerException

from harness.cli import main
from harness.containers import compose
from harness.model import budgets
from harness.model.topology import Topology
from harness.paths import REPO_ROOT

INFRASTRUCTURE = ["envoy", "prometheus", "postgres", "redis"]


@pytest.fixture(scope="module")
def services() -> dict:
    """The committed compose file's services."""
    return yaml.safe_load(compose.COMPOSE_FILE.read_text())["services"]


@pytest.fixture
def docker(tmp_path, monkeypatch):
    """A mocked python_on_whales.DockerClient with a working engine and compose plugin."""
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    monkeypatch.delenv("ASTROSHOP_SECRET_KEY", raising=False)
    with mock.patch("harness.containers.engine.DockerClient") as client_class:
        yield client_class


def test_the_committed_file_is_the_rendering_of_the_topology():
    assert compose.COMPOSE_FILE.read_text() == compose.text(), (
        "compose.yaml is out of date: run `astroshop compose render`")


def test_every_service_and_the_infrastructure_are_there(services):
    assert list(services) == [*Topology().names(), *INFRASTRUCTURE]


def test_every_container_has_a_health_check_and_a_memory_limit(services):
    for name, entry in services.items():
        assert entry["healthcheck"]["test"][0] == "CMD", name
        limit = entry["deploy"]["resources"]["limits"]["memory"]
        assert limit == f"{budgets.budget(name).memory_limit_mi}M", name


def test_depends_on_waits_for_health_and_has_no_cycle(services):
    graph = {name: entry.get("depends_on", {}) for name, entry in services.items()}
    for name, needs in graph.items():
        for other, condition in needs.items():
            assert other in services and condition == {"condition": "service_healthy"}, name
    done: set[str] = set()
    while len(done) < len(graph):
        ready = {n for n, needs in graph.items() if n not in done and set(needs) <= done}
        assert ready, f"depends_on cycle among {sorted(set(graph) - done)}"
        done |= ready
    assert set(graph["envoy"]) == set(Topology().names())
    assert set(graph["checkout"]) == {"postgres"} and set(graph["cart"]) == {"postgres", "redis"}


def test_mounted_configs_exist_and_only_the_edge_and_prometheus_are_published(services):
    for name, entry in services.items():
        for volume in entry.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (REPO_ROOT / source).is_file(), f"{name} mounts missing {source}"
        published = [port.split(":")[0] for port in entry.get("ports", [])]
        assert set(published) <= {"127.0.0.1"}, name
    assert [n for n, e in services.items() if e.get("ports")] == ["envoy", "prometheus"]


def test_render_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    stale = tmp_path / "compose.yaml"
    stale.write_text("services: {}\n")
    monkeypatch.setattr(compose, "COMPOSE_FILE", stale)
    result = CliRunner().invoke(main, ["compose", "render", "--check"])
    assert result.exit_code == 1 and "out of date" in result.output
    assert CliRunner().invoke(main, ["compose", "render"]).exit_code == 0
    assert stale.read_text() == compose.text()


def test_up_starts_detached_waits_for_health_and_supplies_the_secret_key(docker):
    result = CliRunner().invoke(main, ["compose", "up", "--build", "--timeout", "90"])
    assert result.exit_code == 0, result.output
    options = docker.call_args.kwargs
    assert options["compose_files"] == [compose.COMPOSE_FILE]
    assert options["compose_project_directory"] == REPO_ROOT
    docker.return_value.compose.up.assert_called_once_with(detach=True, wait=True,
                                                           wait_timeout=90, build=True)
    assert len(os.environ.pop("ASTROSHOP_SECRET_KEY")) == 64


def test_down_and_status(docker):
    client = docker.return_value
    assert CliRunner().invoke(main, ["compose", "down", "--volumes"]).exit_code == 0
    client.compose.down.assert_called_once_with(volumes=True)
    container = mock.Mock()
    container.name, container.state.status = "astroshop-catalog-1", "running"
    container.state.health.status = "healthy"
    client.compose.ps.return_value = [container]
    result = CliRunner().invoke(main, ["compose", "status"])
    assert result.exit_code == 0 and "astroshop-catalog-1" in result.output
    assert "healthy" in result.output
    client.compose.ps.assert_called_once_with(all=True)
    client.compose.ps.return_value = []
    assert CliRunner().invoke(main, ["compose", "status"]).exit_code == 3


@pytest.mark.parametrize("command", [["up"], ["down"], ["status"]])
def test_without_an_engine_every_command_says_so(docker, command):
    docker.return_value.system.info.side_effect = DockerException(
        ["docker", "system", "info"], 1, b"", b"Cannot connect to the Docker daemon\n")
    result = CliRunner().invoke(main, ["compose", *command])
    assert result.exit_code == 1 and "no Docker engine is reachable" in result.output
    compose_calls = docker.return_value.compose
    compose_calls.up.assert_not_called()
    compose_calls.down.assert_not_called()
    compose_calls.ps.assert_not_called()


def test_without_the_compose_plugin_the_message_names_it(docker):
    docker.return_value.compose.is_installed.return_value = False
    result = CliRunner().invoke(main, ["compose", "up"])
    assert result.exit_code == 1 and "compose plugin is not installed" in result.output
