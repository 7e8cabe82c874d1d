"""The bases of the images: Debian bookworm with what each image needs, one recipe per base.
The Python base (shop, Envoy) is pulled when a registry answers; every base can be built here
from Debian's packages with mmdebstrap and made an image with `docker import` (20-60 s). Either
way, the versions of the packages a base carries are written to the run directory."""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from python_on_whales import DockerClient
from python_on_whales.exceptions import DockerException

SUITE = "bookworm"
MMDEBSTRAP_OPTIONS = (
    "--variant=essential", "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
    "--dpkgopt=path-exclude=/usr/share/man/*", "--dpkgopt=path-exclude=/usr/share/info/*",
    "--dpkgopt=path-exclude=/usr/share/locale/*", "--dpkgopt=path-exclude=/usr/share/doc/*",
    "--dpkgopt=path-include=/usr/share/doc/*/copyright")
SOURCE_DATE_EPOCH = "1686355200"  # bookworm's release day: the same packages, the same tarball
BASE_LABEL = "org.astroshop.base"  # on every base built here, so its stale copies can be pruned
SOURCES = ("auto", "registry", "debian")


@dataclass(frozen=True)
class Recipe:
    """One base: Debian's packages on top of the essential set, the hooks that tidy the root
    filesystem afterwards, and the registry image that may stand in for it."""

    name: str
    packages: tuple[str, ...]
    hooks: tuple[str, ...] = ()  # mmdebstrap --customize-hook shell commands ($1: the root)
    pulled: str = ""

    def changes(self) -> tuple[str, ...]:
        """The Dockerfile instructions `docker import` applies to the tarball."""
        return ("ENV LANG=C.UTF-8", f"LABEL {BASE_LABEL}={self.name}-{SUITE}")


PYTHON = Recipe("python", ("python3", "python3-venv", "passwd", "libstdc++6"),  # grpcio: libstdc++
                pulled="python:3.11.14-slim-bookworm")
PROMETHEUS = Recipe("prometheus", ("prometheus", "busybox", "passwd"),  # busybox: wget to probe
                    hooks=('rm -rf "$1"/var/lib/prometheus/* "$1"/usr/bin/promtool',  # the host's
                           # every zone of every year (214 MB); the UI loads a bundled file
                           'rm -rf "$1"/usr/share/javascript/moment-timezone/data'))
POSTGRES = Recipe("postgres", ("postgresql-15", "passwd"),  # no cluster: the entrypoint makes it
                  hooks=('rm -rf "$1"/var/lib/postgresql/15 "$1"/etc/postgresql/15',
                         # the JIT (LLVM and its solver, 130 MB) is off: the server runs without
                         'rm -rf "$1"/usr/lib/postgresql/15/lib/bitcode '
                         '"$1"/usr/lib/postgresql/15/lib/llvmjit* '
                         '"$1"/usr/lib/x86_64-linux-gnu/libLLVM-14.so* '
                         '"$1"/usr/lib/x86_64-linux-gnu/libz3.so*'))
REDIS = Recipe("redis", ("redis-server", "passwd"), hooks=('rm -rf "$1"/var/lib/redis/*',))
RECIPES = {recipe.name: recipe for recipe in (PYTHON, PROMETHEUS, POSTGRES, REDIS)}
PULLED = PYTHON.pulled  # the registry's bookworm with CPython 3.11


@dataclass(frozen=True)
class BaseImage:
    """The base in use: its reference, its id, where it came from and its packages."""

    reference: str
    image_id: str
    origin: str  # "registry" or "debian"
    packages: dict[str, str]

    def write(self, path: Path) -> None:
        """The manifest: the base and the version of every Debian package in it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")


def local_reference(recipe: Recipe = PYTHON) -> str:
    """The tag of a base built here, named by everything that goes into it."""
    made_of = json.dumps([SUITE, recipe.packages, recipe.hooks, MMDEBSTRAP_OPTIONS,
                          recipe.changes(), SOURCE_DATE_EPOCH])
    digest = hashlib.sha256(made_of.encode()).hexdigest()[:12]
    return f"astroshop/base:{recipe.name}-{SUITE}-{digest}"


def manifest_name(recipe: Recipe) -> str:
    """The file name of a base's package manifest in <run>/images/."""
    return "base-manifest.json" if recipe is PYTHON else f"base-{recipe.name}-manifest.json"


def mmdebstrap_command(tarball: Path, recipe: Recipe = PYTHON) -> list[str]:
    """mmdebstrap writing the root filesystem as a tarball (Debian's mirrors, with updates)."""
    hooks = [f"--customize-hook={hook}" for hook in recipe.hooks]
    return ["mmdebstrap", *MMDEBSTRAP_OPTIONS, *hooks, f"--include={','.join(recipe.packages)}",
            SUITE, str(tarball)]


def build_debian(client: DockerClient, log: Path, recipe: Recipe = PYTHON) -> str:
    """Build a base from Debian's packages and import it; return its reference."""
    reference = local_reference(recipe)
    log.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="astroshop-base-") as work:
        tarball = Path(work) / "rootfs.tar"
        with log.open("a") as out:
            result = subprocess.run(mmdebstrap_command(tarball, recipe), stdout=out,
                                    stderr=subprocess.STDOUT,
                                    env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
        if result.returncode != 0:
            raise RuntimeError(f"mmdebstrap failed for the {recipe.name} base (exit "
                               f"{result.returncode}); see {log}")
        client.image.import_(tarball, reference, changes=recipe.changes(),
                             message=f"astroshop base: {SUITE} + {' '.join(recipe.packages)}")
    client.image.prune(filters=[("label", BASE_LABEL)])  # the base this one replaced
    return reference


def pulled(client: DockerClient, recipe: Recipe) -> bool:
    """Pull the registry's stand-in for the base; False when there is none or no registry."""
    if not recipe.pulled:
        return False
    try:
        client.image.pull(recipe.pulled, quiet=True)
    except DockerException:
        return False
    return True
