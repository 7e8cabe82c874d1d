"""`astroshop images build`: the calls made to python-on-whales, and the no-engine message."""
from __future__ import annotations

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest import mock

import pytest
from click.testing import CliRunner
from python_on_whales.client_config import ClientNotFoundError
from python_on_whales.exceptions import DockerException

from harness.cli import main
from harness.containers import engine, images
from harness.paths import REPO_ROOT
from harness.model.topology import Topology
from tests.support.servers import free_port


@pytest.fixture
def docker():
    """A mocked python_on_whales.DockerClient whose engine answers and has every plugin."""
    with mock.patch("harness.containers.engine.DockerClient") as client_class:
        yield client_class.return_value


def no_engine(client) -> None:
    """Make `client` behave like the CLI without a daemon behind it."""
    client.system.info.side_effect = DockerException(
        ["docker", "system", "info"], 1, b"",
        b"Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n")


def test_builds_every_service_and_envoy_from_the_one_dockerfile(docker):
    result = CliRunner().invoke(main, ["images", "build"])
    assert result.exit_code == 0, result.output
    calls = docker.buildx.build.call_args_list
    topology = Topology()
    assert [c.kwargs["tags"][0] for c in calls] == [
        f"astroshop/{name}:{images.default_tag()}" for name in [*topology.names(), "envoy"]]
    catalog = calls[topology.names().index("catalog")]
    assert catalog.args == (REPO_ROOT,)
    assert catalog.kwargs["file"] == REPO_ROOT / "Dockerfile"
    assert catalog.kwargs["target"] == "service"
    assert catalog.kwargs["build_args"] == {"SERVICE": "catalog", "PORT": "7010",
                                            "WORKERS": "1", "THREADS": "4"}
    assert catalog.kwargs["load"] is True and catalog.kwargs["push"] is False
    assert calls[-1].kwargs["target"] == "envoy" and calls[-1].kwargs["build_args"] == {}
    docker.system.info.assert_called_once_with()


def test_push_builds_under_the_registry_and_pushes(docker):
    result = CliRunner().invoke(main, ["images", "build", "frontend", "envoy", "--push",
                                       "ghcr.io/astro/", "--tag", "abc123"])
    assert result.exit_code == 0, result.output
    calls = docker.buildx.build.call_args_list
    assert [c.kwargs["tags"] for c in calls] == [["ghcr.io/astro/astroshop/frontend:abc123"],
                                                 ["ghcr.io/astro/astroshop/envoy:abc123"]]
    assert all(c.kwargs["push"] is True and c.kwargs["load"] is False for c in calls)
    assert "pushed ghcr.io/astro/astroshop/envoy:abc123" in result.output


def test_without_an_engine_nothing_is_built_and_the_message_says_so(docker):
    no_engine(docker)
    result = CliRunner().invoke(main, ["images", "build"])
    assert result.exit_code == 1
    assert "no Docker engine is reachable" in result.output
    assert "Cannot connect to the Docker daemon" in result.output
    docker.buildx.build.assert_not_called()


def test_without_buildx_the_message_names_the_plugin(docker):
    docker.buildx.is_installed.return_value = False
    result = CliRunner().invoke(main, ["images", "build"])
    assert result.exit_code == 1 and "buildx plugin is not installed" in result.output
    docker.buildx.build.assert_not_called()


def test_without_the_cli_the_message_says_to_install_it():
    client = mock.Mock()
    client.system.info.side_effect = ClientNotFoundError()
    with pytest.raises(engine.EngineUnavailable, match="docker command is not installed"):
        engine.require_engine(client)


def test_a_failed_build_exits_with_its_code(docker):
    docker.buildx.build.side_effect = DockerException(["docker", "buildx", "build"], 17)
    result = CliRunner().invoke(main, ["images", "build", "catalog"])
    assert result.exit_code == 1 and "docker build failed (17)" in result.output


def test_unknown_images_are_refused_before_any_docker_call(docker):
    result = CliRunner().invoke(main, ["images", "build", "telescope"])
    assert result.exit_code == 2 and "unknown image(s) telescope" in result.output
    docker.system.info.assert_not_called()


def test_pushing_needs_a_registry():
    with pytest.raises(ValueError, match="needs a registry"):
        images.build(mock.Mock(), images.image_specs(), push=True)


class Answer(BaseHTTPRequestHandler):
    """200 on /healthz, 503 elsewhere."""

    def do_GET(self):
        self.send_response(200 if self.path == "/healthz" else 503)
        self.end_headers()

    def log_message(self, *args):
        """Quiet."""


@pytest.mark.parametrize(("path", "code"), [("/healthz", 0), ("/readyz", 1)])
def test_the_image_health_check_script(path, code):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {"SERVICE_PORT": str(server.server_port), "HEALTH_PATH": path}
    try:
        result = subprocess.run([sys.executable, "harness/containers/healthcheck.py"],
                                cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    finally:
        server.shutdown()
    assert result.returncode == code, result.stderr


def test_the_health_check_script_fails_when_nothing_listens():
    env = {"SERVICE_PORT": str(free_port())}
    result = subprocess.run([sys.executable, "harness/containers/healthcheck.py"], cwd=REPO_ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1 and "unhealthy" in result.stderr
