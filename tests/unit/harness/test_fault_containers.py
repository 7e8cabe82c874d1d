"""Process faults on a compose stack act through the engine (python-on-whales mocked; the
real engine: tests/containers/test_compose_stack.py): which replicas are chosen, and the calls."""
from __future__ import annotations

from unittest import mock

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.containers.project import ComposeProject
from harness.faults.containers import ContainerReplicas
from harness.faults.control import SupervisedReplicas, replicas_of
from harness.faults.values import BadFaultInput
from harness.stack.runner import Stack


def container(service: str, number: int, running: bool = True, paused: bool = False):
    """A mocked container of the compose project."""
    found = mock.Mock()
    found.name = f"astroshop-{service}-{number}"
    found.config.labels = {"com.docker.compose.service": service,
                           "com.docker.compose.container-number": str(number)}
    found.state.running, found.state.paused = running, paused
    found.state.status = "running" if running else "exited"
    return found


@pytest.fixture
def docker(tmp_path, monkeypatch):
    """A compose project recorded in a run directory with no local stack; a mocked engine."""
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    monkeypatch.setenv("ASTROSHOP_PORT_OFFSET", "0")
    ComposeProject(tmp_path, 0).write()
    with mock.patch("harness.containers.engine.DockerClient") as client_class:
        client = client_class.return_value
        client.container.list.return_value = [container("catalog", 2), container("catalog", 1),
                                               container("payment", 1, paused=True),
                                               container("cart", 1, running=False)]
        yield client


def test_a_recorded_compose_project_takes_the_faults_unless_the_local_stack_runs(docker, tmp_path):
    assert isinstance(replicas_of(Stack.at(tmp_path)), ContainerReplicas)
    with mock.patch.object(Stack, "running", return_value=True):
        assert isinstance(replicas_of(Stack.at(tmp_path)), SupervisedReplicas)
    ComposeProject(tmp_path, 0).forget()
    assert isinstance(replicas_of(Stack.at(tmp_path)), SupervisedReplicas)


def test_replicas_are_the_services_containers_in_order(docker, tmp_path):
    replicas = ContainerReplicas(ComposeProject.of())
    assert replicas.names("catalog") == ["astroshop-catalog-1", "astroshop-catalog-2"]
    assert replicas.names("catalog", 1) == ["astroshop-catalog-2"]
    with pytest.raises(BadFaultInput, match="--replica 0..1"):
        replicas.names("catalog", 2)
    with pytest.raises(BadFaultInput, match="no service 'warp-drive'"):
        replicas.names("warp-drive")
    assert replicas.disturbed() == {"astroshop-payment-1": "frozen",
                                    "astroshop-cart-1": "exited"}


def test_kill_freeze_and_clear_go_through_the_engine(docker):
    runner = CliRunner()
    assert runner.invoke(main, ["fault", "kill", "catalog", "--replica", "0"]).exit_code == 0
    docker.container.kill.assert_called_once_with(["astroshop-catalog-1"])
    assert runner.invoke(main, ["fault", "kill", "catalog", "--stay-down"]).exit_code == 0
    docker.container.stop.assert_called_once_with(
        ["astroshop-catalog-1", "astroshop-catalog-2"], time=10)
    assert runner.invoke(main, ["fault", "freeze", "catalog"]).exit_code == 0
    docker.container.pause.assert_called_once()
    result = runner.invoke(main, ["fault", "clear", "--all"])
    assert result.exit_code == 0, result.output
    docker.container.unpause.assert_called_once_with(["astroshop-payment-1"])
    docker.container.start.assert_called_once_with(["astroshop-cart-1"])
    assert "astroshop-cart-1 restored" in result.output
