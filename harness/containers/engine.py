"""The Docker client the harness drives (which binary, which plugins), and clear errors when
no engine answers.

The client is chosen once, the same way on every machine: $ASTROSHOP_DOCKER_CLI when set, else
the client of Debian's docker.io package (the same version as the Engine it installs, so the
API versions agree and `docker build` needs no buildx), else `docker` from PATH. It runs with
`--config <venv>/docker`, whose cli-plugins/ holds the pinned Compose CLI (scripts/bootstrap.sh).
The engine is the one at $DOCKER_HOST, or the default socket.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from python_on_whales import DockerClient
from python_on_whales.client_config import ClientNotFoundError
from python_on_whales.exceptions import DockerException

CLIENT_VARIABLE = "ASTROSHOP_DOCKER_CLI"
DEBIAN_CLIENT = Path("/usr/bin/docker")
DEFAULT_HOST = "unix:///var/run/docker.sock"
START_HINT = "start one with `astroshop engine up`"


class EngineUnavailable(RuntimeError):
    """No Docker engine (or no CLI, or a missing plugin): the message says what to do."""


def client_binary() -> str:
    """The docker client to run: $ASTROSHOP_DOCKER_CLI, Debian's docker.io client, or `docker`."""
    chosen = os.environ.get(CLIENT_VARIABLE)
    if chosen:
        return chosen
    return str(DEBIAN_CLIENT) if DEBIAN_CLIENT.exists() else "docker"


def plugin_config() -> Path:
    """The client's config directory: its cli-plugins/ holds the pinned Compose CLI."""
    return Path(sys.prefix) / "docker"


def engine_host() -> str:
    """Where the engine listens: $DOCKER_HOST, or the default socket."""
    return os.environ.get("DOCKER_HOST") or DEFAULT_HOST


def docker_client(**options) -> DockerClient:
    """A DockerClient on the chosen binary and plugin directory (compose options passed on)."""
    return DockerClient(client_call=[client_binary()], config=plugin_config(), **options)


def first_line(text: str | None) -> str:
    """The first non-empty line of `text`, or an empty string."""
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), "")


def require_engine(client: DockerClient) -> None:
    """Raise EngineUnavailable unless the client's engine answers `docker system info` (the
    Debian client exits 0 without one, with no server part in its answer)."""
    try:
        info = client.system.info()
    except ClientNotFoundError as exc:
        raise EngineUnavailable("the docker command is not installed; run scripts/bootstrap.sh "
                                "(Debian's docker.io) or set ASTROSHOP_DOCKER_CLI") from exc
    except DockerException as exc:
        raise unavailable(first_line(exc.stderr) or f"docker exited with {exc.return_code}"
                          ) from exc
    if info.server_version is None:
        raise unavailable("the client got no answer from a server")


def unavailable(reason: str) -> EngineUnavailable:
    """The error for an engine that does not answer, with what to do."""
    return EngineUnavailable(f"no Docker engine is reachable at {engine_host()} ({reason}); "
                             f"{START_HINT}, or point DOCKER_HOST at one")


def answering(client: DockerClient) -> bool:
    """Whether an engine answers the client."""
    try:
        require_engine(client)
    except EngineUnavailable:
        return False
    return True


def require_plugin(client: DockerClient, plugin: str) -> None:
    """Raise EngineUnavailable unless the CLI plugin `plugin` (compose) is installed."""
    if not getattr(client, plugin).is_installed():
        raise EngineUnavailable(f"the Docker {plugin} plugin is not installed in "
                                f"{plugin_config() / 'cli-plugins'}; run scripts/bootstrap.sh")


def ready_client(plugin: str = "", **options) -> DockerClient:
    """A DockerClient whose engine answers (and whose `plugin`, when named, is installed)."""
    client = docker_client(**options)
    require_engine(client)
    if plugin:
        require_plugin(client, plugin)
    return client
