"""A Docker engine for tests: the one that answers, else one started through `astroshop
engine up`'s code and stopped again at the end (only when the test started it)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePosixPath

from python_on_whales import DockerClient

from harness.containers import base, building, images, lifecycle
from harness.containers.enginefiles import EngineFiles
from harness.containers.engine import ready_client
from harness.paths import RunPaths


@contextmanager
def running_engine(files: EngineFiles | None = None) -> Iterator[DockerClient]:
    """Yield a client of an answering engine; stop the engine afterwards if started here."""
    outcome = lifecycle.up(files)
    try:
        yield ready_client()
    finally:
        if outcome.acted:
            lifecycle.down(files)


def build_images(client: DockerClient) -> tuple[base.BaseImage, dict[str, images.Built]]:
    """The Python base and the shop and Envoy images, as `astroshop images build` makes them
    (cached between runs: the bases and the images by their inputs, the wheelhouses by their
    lock's hash; the stores' images are the compose suite's)."""
    folder = building.build_dir(RunPaths.default())
    specs = [spec for spec in images.SPECS if spec.base == base.PYTHON.name]
    built = building.build(client, specs, folder=folder)
    found = building.ensure_bases(client, [base.PYTHON.name], folder=folder)[base.PYTHON.name]
    return found, {spec.name: item for spec, item in zip(specs, built)}


@contextmanager
def started(docker, image: str, **options):
    """A detached container, removed with its volumes afterwards, whatever happens."""
    container = docker.run(image, detach=True, read_only=True, tmpfs=["/tmp"], **options)
    try:
        yield container
    finally:
        container.remove(force=True, volumes=True)
    assert not docker.container.exists(container.id), "the container is gone"


def check_confined(docker, container) -> None:
    """uid 10001, a read-only root, and not one file written outside volumes and tmpfs (the
    points where docker mounts them, and their parents, aside)."""
    assert docker.container.execute(container, ["id", "-u"]).strip() == "10001"
    inspected = docker.container.inspect(container)
    assert inspected.host_config.readonly_rootfs is True
    mounts = {str(mount.destination) for mount in inspected.mounts}
    mount_paths = mounts | {str(parent) for m in mounts for parent in PurePosixPath(m).parents}
    written = {path: kind for path, kind in docker.container.diff(container).items()
               if path not in mount_paths}
    assert written == {}


def healthy(docker, container) -> bool:
    """Whether the image's own HEALTHCHECK has passed."""
    health = docker.container.inspect(container).state.health
    return health is not None and health.status == "healthy"
