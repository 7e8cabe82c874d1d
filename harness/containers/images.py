"""The images: `astroshop/shop` (every service; ASTROSHOP_SERVICE picks one at run time) and
`astroshop/envoy` from the one Dockerfile, and `astroshop/prometheus`, `astroshop/postgres`,
`astroshop/redis` from images/<name>/ on bases of Debian's packages. Each is labelled with the
hash of its inputs (the Dockerfile, the base's id, its hashed lock, its sources): an image
whose label matches is reused as it is, so a second build costs a hash, not a build."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from python_on_whales import DockerClient

from harness.containers import context, locks
from harness.paths import REPO_ROOT

DOCKERFILE = REPO_ROOT / "Dockerfile"
REPOSITORY = "astroshop"
IMAGES_DIR = REPO_ROOT / "images"
SHOP = "shop"
ENVOY = "envoy"
PROMETHEUS = "prometheus"
POSTGRES = "postgres"
REDIS = "redis"
INPUTS_LABEL = "org.astroshop.inputs"


@dataclass(frozen=True)
class ImageSpec:
    """One image: its name (its Dockerfile target, or its folder under images/), its lock,
    its source trees and the base recipe it is built on."""

    name: str
    lock: Path | None = None
    trees: tuple[str, ...] = ()
    base: str = "python"

    @property
    def own_folder(self) -> Path | None:
        """images/<name>/ for an image of its own (Dockerfile and context); None for the
        shop's and Envoy's, which share the root Dockerfile and an assembled context."""
        return IMAGES_DIR / self.name if self.lock is None else None

    @property
    def dockerfile(self) -> Path:
        """The Dockerfile the image is built from."""
        return self.own_folder / "Dockerfile" if self.own_folder else DOCKERFILE

    def inputs(self) -> list[Path]:
        """Every file whose content makes the image (the wheels are fixed by the lock)."""
        if self.own_folder:
            return context.tree_files(self.own_folder)
        return [DOCKERFILE, context.HEALTHCHECK, self.lock,
                *(f for tree in self.trees for f in context.tree_files(REPO_ROOT / tree))]

    def reference(self, registry: str = "", tag: str = "") -> str:
        """`[registry/]astroshop/<name>:<tag>`."""
        return image_reference(self.name, registry, tag)


SPECS = (ImageSpec(ENVOY, locks.ENVOY_LOCK), ImageSpec(SHOP, locks.SHOP_LOCK, ("shop",)),
         ImageSpec(PROMETHEUS, base=PROMETHEUS), ImageSpec(POSTGRES, base=POSTGRES),
         ImageSpec(REDIS, base=REDIS))


@dataclass(frozen=True)
class Built:
    """An image after `build`: its reference, size, and how long it took (reused or built)."""

    reference: str
    size_bytes: int
    seconds: float
    reused: bool


def default_tag() -> str:
    """The tag of images built from this checkout: the project's version."""
    return version("astroshop")


def image_reference(name: str, registry: str = "", tag: str = "") -> str:
    """The full reference of image `name`, under `registry` when one is given."""
    prefix = f"{registry.rstrip('/')}/" if registry else ""
    return f"{prefix}{REPOSITORY}/{name}:{tag or default_tag()}"


def select(names: tuple[str, ...]) -> list[ImageSpec]:
    """The specs named in `names` (all when empty); KeyError naming the known images."""
    known = {spec.name: spec for spec in SPECS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise KeyError(f"unknown image(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[name] for name in names] if names else list(SPECS)


def inputs_key(spec: ImageSpec, base_id: str) -> str:
    """The hash of everything that makes `spec`'s image (the wheels are fixed by the lock)."""
    digest = hashlib.sha256(f"{spec.name}\n{base_id}\n".encode())
    for path in spec.inputs():
        digest.update(f"{path.relative_to(REPO_ROOT)}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def current(client: DockerClient, reference: str, key: str) -> bool:
    """Whether `reference` exists and was built from exactly these inputs."""
    if not client.image.exists(reference):
        return False
    return (client.image.inspect(reference).config.labels or {}).get(INPUTS_LABEL) == key


def build(client: DockerClient, specs: list[ImageSpec], bases: dict[str, str], build_dir: Path,
          registry: str = "", tag: str = "", push: bool = False,
          no_cache: bool = False) -> list[Built]:
    """Build (or reuse) each image on its base (`bases`: recipe name -> image reference);
    push it to `registry` when `push`."""
    if push and not registry:
        raise ValueError("pushing needs a registry, e.g. --push ghcr.io/you")
    results, assembled, built_any = [], None, False
    for spec in specs:
        base = bases[spec.base]
        reference, key, started = spec.reference(registry, tag), \
            inputs_key(spec, client.image.inspect(base).id), time.monotonic()
        reused = not no_cache and current(client, reference, key)
        if not reused:
            if spec.own_folder is None:
                assembled = assembled or context.assemble(build_dir)
            client.legacy_build(spec.own_folder or assembled, file=spec.dockerfile,
                                target=None if spec.own_folder else spec.name,
                                build_args={"BASE_IMAGE": base}, labels={INPUTS_LABEL: key},
                                tags=[reference], cache=not no_cache)
            built_any = True
        if push:
            client.image.push(reference, quiet=True)
        results.append(Built(reference, client.image.inspect(reference).size,
                             time.monotonic() - started, reused))
    if built_any:  # the builds these replaced, untagged now: only ours carry the label
        client.image.prune(filters=[("label", INPUTS_LABEL)])
    return results
