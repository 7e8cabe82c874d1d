"""`astroshop images build`: the calls made to python-on-whales (mocked), reuse by input hash,
push, and the messages without an engine; the image's health check script for real."""
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
from harness.containers import base, engine, images
from harness.paths import REPO_ROOT
from tests.support.servers import free_port

BASE = base.BaseImage("astroshop/base:bookworm-test", "sha256:base", "debian", {"python3": "3"})


@pytest.fixture
def docker(tmp_path, monkeypatch):
    """A mocked DockerClient whose engine answers; no image exists yet; the base is found."""
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    with mock.patch("harness.containers.engine.DockerClient") as client_class, \
            mock.patch("harness.containers.basechoice.ensure", return_value=BASE), \
            mock.patch("harness.containers.context.assemble", return_value=tmp_path / "ctx"):
        client = client_class.return_value
        client.image.exists.return_value = False
        client.image.inspect.return_value.id = "sha256:base"
        client.image.inspect.return_value.size = 190_000_000
        yield client


def no_engine(client) -> None:
    """Make `client` behave like the CLI without a daemon behind it."""
    client.system.info.side_effect = DockerException(
        ["docker", "system", "info"], 1, b"",
        b"Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n")


def test_builds_the_envoy_and_shop_targets_offline_on_the_base(docker, tmp_path):
    result = CliRunner().invoke(main, ["images", "build", "envoy", "shop"])
    assert result.exit_code == 0, result.output
    calls = docker.legacy_build.call_args_list
    assert [c.kwargs["target"] for c in calls] == ["envoy", "shop"]
    tag = images.default_tag()
    assert [c.kwargs["tags"] for c in calls] == [[f"astroshop/envoy:{tag}"],
                                                 [f"astroshop/shop:{tag}"]]
    for call in calls:
        assert call.args == (tmp_path / "ctx",) and call.kwargs["file"] == REPO_ROOT / "Dockerfile"
        assert call.kwargs["build_args"] == {"BASE_IMAGE": BASE.reference}
        assert set(call.kwargs["labels"]) == {images.INPUTS_LABEL}
    assert "astroshop/shop" in result.output and "190" in result.output
    docker.image.push.assert_not_called()
    docker.image.prune.assert_called_once_with(filters=[("label", images.INPUTS_LABEL)])


def test_an_image_built_from_the_same_inputs_is_reused(docker):
    key = images.inputs_key(images.SPECS[1], "sha256:base")
    docker.image.exists.return_value = True
    docker.image.inspect.return_value.config.labels = {images.INPUTS_LABEL: key}
    result = CliRunner().invoke(main, ["images", "build", "shop"])
    assert result.exit_code == 0, result.output
    docker.legacy_build.assert_not_called()
    docker.image.prune.assert_not_called()
    assert "reused" in result.output


def test_the_stores_and_prometheus_build_from_their_own_folders(docker):
    result = CliRunner().invoke(main, ["images", "build", "prometheus", "postgres", "redis"])
    assert result.exit_code == 0, result.output
    for call, name in zip(docker.legacy_build.call_args_list, ["prometheus", "postgres", "redis"]):
        assert call.args == (images.IMAGES_DIR / name,) and call.kwargs["target"] is None
        assert call.kwargs["file"] == images.IMAGES_DIR / name / "Dockerfile"
        assert call.kwargs["tags"] == [images.image_reference(name)]


def test_the_input_key_follows_the_base_the_image_and_the_lock(tmp_path):
    envoy, shop = images.SPECS[:2]
    assert images.inputs_key(shop, "a") == images.inputs_key(shop, "a")
    assert images.inputs_key(shop, "a") != images.inputs_key(shop, "b")
    assert images.inputs_key(shop, "a") != images.inputs_key(envoy, "a")
    other_lock = REPO_ROOT / "requirements.lock"
    assert images.inputs_key(images.ImageSpec("shop", other_lock, ("shop",)), "a") != \
        images.inputs_key(shop, "a")


def test_push_tags_under_the_registry_and_pushes(docker):
    result = CliRunner().invoke(main, ["images", "build", "envoy", "--push", "ghcr.io/astro/",
                                       "--tag", "abc123"])
    assert result.exit_code == 0, result.output
    assert docker.legacy_build.call_args.kwargs["tags"] == ["ghcr.io/astro/astroshop/envoy:abc123"]
    docker.image.push.assert_called_once_with("ghcr.io/astro/astroshop/envoy:abc123", quiet=True)
    assert "pushed" in result.output


def test_without_an_engine_nothing_is_built_and_the_message_says_how_to_start_one(docker):
    no_engine(docker)
    result = CliRunner().invoke(main, ["images", "build"])
    assert result.exit_code == 1
    assert "no Docker engine is reachable" in result.output
    assert "astroshop engine up" in result.output
    docker.legacy_build.assert_not_called()


def test_without_the_cli_the_message_says_to_install_it():
    client = mock.Mock()
    client.system.info.side_effect = ClientNotFoundError()
    with pytest.raises(engine.EngineUnavailable, match="docker command is not installed"):
        engine.require_engine(client)


def test_a_client_without_a_server_is_no_engine():
    client = mock.Mock()
    client.system.info.return_value.server_version = None
    with pytest.raises(engine.EngineUnavailable, match="no answer from a server"):
        engine.require_engine(client)
    assert not engine.answering(client)


def test_a_failed_build_exits_with_its_code(docker):
    docker.legacy_build.side_effect = DockerException(["docker", "build"], 17)
    result = CliRunner().invoke(main, ["images", "build", "shop"])
    assert result.exit_code == 1 and "docker failed (17)" in result.output


def test_unknown_images_are_refused_before_any_docker_call(docker):
    result = CliRunner().invoke(main, ["images", "build", "telescope"])
    assert result.exit_code == 2 and "unknown image(s) telescope" in result.output
    docker.system.info.assert_not_called()


def test_pushing_needs_a_registry():
    with pytest.raises(ValueError, match="needs a registry"):
        images.build(mock.Mock(), list(images.SPECS), {"python": "base"}, REPO_ROOT, push=True)


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
