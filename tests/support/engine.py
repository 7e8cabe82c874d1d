"""A Docker engine for tests: the one that answers, else one started through `astroshop
engine up`'s code and stopped again at the end (only when the test started it)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from python_on_whales import DockerClient

from harness.containers import base, images, lifecycle
from harness.containers.daemon import EngineFiles
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
    """The base and both images, as `astroshop images build` makes them (cached between runs:
    the base and the images by their inputs, the wheelhouses by their lock's hash)."""
    folder = RunPaths.default().ensure().root / "images"
    found = base.ensure(client, folder / "base-manifest.json", folder / "mmdebstrap.log")
    built = images.build(client, list(images.SPECS), found.reference, folder)
    return found, {spec.name: item for spec, item in zip(images.SPECS, built)}
