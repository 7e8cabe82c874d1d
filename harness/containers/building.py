"""Everything `images build` does, for the command, `compose up` and the tests: the bases the
chosen images need (found, pulled or built), then the images on them."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from python_on_whales import DockerClient

from harness.containers import base, basechoice, images
from harness.paths import RunPaths


def build_dir(run: RunPaths | None = None) -> Path:
    """<run>/images: wheelhouses, the build context, the bases' manifests and the logs."""
    return (run or RunPaths.default()).ensure().root / "images"


def ensure_bases(client: DockerClient, names: list[str], source: str = "auto",
                 rebuild: bool = False, folder: Path | None = None,
                 progress: Callable[[str], None] = lambda line: None) -> dict[str, base.BaseImage]:
    """The bases of these recipes (pulled, found, or built from Debian's packages)."""
    folder = folder or build_dir()
    found = {}
    for name in dict.fromkeys(names):
        recipe = base.RECIPES[name]
        progress(f"base {name}: found, pulled, or built from Debian's packages (log: "
                 f"{folder / f'mmdebstrap-{name}.log'})")
        found[name] = basechoice.ensure(client, folder / base.manifest_name(recipe),
                                        folder / f"mmdebstrap-{name}.log", source, rebuild,
                                        recipe)
    return found


def build(client: DockerClient, specs: list[images.ImageSpec], source: str = "auto",
          folder: Path | None = None, progress: Callable[[str], None] = lambda line: None,
          **options) -> list[images.Built]:
    """The bases of `specs`, then each image built on its base (or reused); `options` go to
    images.build (registry, tag, push, no_cache)."""
    folder = folder or build_dir()
    bases = ensure_bases(client, [spec.base for spec in specs], source, folder=folder,
                         progress=progress)
    progress(f"building {', '.join(spec.name for spec in specs)}")
    return images.build(client, specs, {name: found.reference for name, found in bases.items()},
                        folder, **options)
