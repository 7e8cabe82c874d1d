"""The Docker engine through python-on-whales, and clear errors when there is none."""
from __future__ import annotations

from python_on_whales import DockerClient
from python_on_whales.client_config import ClientNotFoundError
from python_on_whales.exceptions import DockerException


class EngineUnavailable(RuntimeError):
    """No Docker engine (or no CLI, or a missing plugin): the message says what to do."""


def first_line(text: str | None) -> str:
    """The first non-empty line of `text`, or an empty string."""
    return next((line.strip() for line in (text or "").splitlines() if line.strip()), "")


def require_engine(client: DockerClient) -> None:
    """Raise EngineUnavailable unless the client's engine answers `docker system info`."""
    try:
        client.system.info()
    except ClientNotFoundError as exc:
        raise EngineUnavailable("the docker command is not installed; install the Docker CLI "
                                "and an engine (or run the shop with `astroshop up`)") from exc
    except DockerException as exc:
        reason = first_line(exc.stderr) or f"docker exited with {exc.return_code}"
        raise EngineUnavailable(f"no Docker engine is reachable ({reason}); start Docker or "
                                "point DOCKER_HOST at one, or run the shop with `astroshop up`"
                                ) from exc


def require_plugin(client: DockerClient, plugin: str) -> None:
    """Raise EngineUnavailable unless the CLI plugin `compose` or `buildx` is installed."""
    installed = getattr(client, plugin).is_installed()
    if not installed:
        raise EngineUnavailable(f"the Docker {plugin} plugin is not installed; install "
                                f"docker-{plugin}-plugin (`docker {plugin} version` must work)")


def ready_client(plugin: str, **options) -> DockerClient:
    """A DockerClient whose engine answers and whose `plugin` is installed."""
    client = DockerClient(**options)
    require_engine(client)
    require_plugin(client, plugin)
    return client
