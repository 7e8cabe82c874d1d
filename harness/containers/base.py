"""The base of both images: Debian bookworm with python3. Pulled when a registry answers;
otherwise built here from Debian's packages with mmdebstrap and made an image with
`docker import` (about 20 s). Either way, the versions of the packages it carries are written
to the run directory (base-manifest.json)."""
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

PULLED = "python:3.11.14-slim-bookworm"  # the registry's bookworm with CPython 3.11
SUITE = "bookworm"
PACKAGES = ("python3", "python3-venv", "passwd", "libstdc++6")  # libstdc++: grpcio (flagd)
MMDEBSTRAP_OPTIONS = (
    "--variant=essential", "--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr",
    "--dpkgopt=path-exclude=/usr/share/man/*", "--dpkgopt=path-exclude=/usr/share/info/*",
    "--dpkgopt=path-exclude=/usr/share/locale/*", "--dpkgopt=path-exclude=/usr/share/doc/*",
    "--dpkgopt=path-include=/usr/share/doc/*/copyright")
SOURCE_DATE_EPOCH = "1686355200"  # bookworm's release day: the same packages, the same tarball
BASE_LABEL = "org.astroshop.base"  # on every base built here, so its stale copies can be pruned
IMPORT_CHANGES = ("ENV LANG=C.UTF-8", 'CMD ["python3"]', f"LABEL {BASE_LABEL}={SUITE}")
SOURCES = ("auto", "registry", "debian")


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


def local_reference() -> str:
    """The tag of the base built here, named by everything that goes into it."""
    recipe = json.dumps([SUITE, PACKAGES, MMDEBSTRAP_OPTIONS, IMPORT_CHANGES, SOURCE_DATE_EPOCH])
    return f"astroshop/base:{SUITE}-{hashlib.sha256(recipe.encode()).hexdigest()[:12]}"


def mmdebstrap_command(tarball: Path) -> list[str]:
    """mmdebstrap writing the root filesystem as a tarball (Debian's mirrors, with updates)."""
    return ["mmdebstrap", *MMDEBSTRAP_OPTIONS, f"--include={','.join(PACKAGES)}", SUITE,
            str(tarball)]


def build_debian(client: DockerClient, log: Path) -> str:
    """Build the base from Debian's packages and import it; return its reference."""
    reference = local_reference()
    log.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="astroshop-base-") as work:
        tarball = Path(work) / "rootfs.tar"
        with log.open("a") as out:
            result = subprocess.run(mmdebstrap_command(tarball), stdout=out,
                                    stderr=subprocess.STDOUT,
                                    env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH})
        if result.returncode != 0:
            raise RuntimeError(f"mmdebstrap failed (exit {result.returncode}); see {log}")
        client.image.import_(tarball, reference, changes=IMPORT_CHANGES,
                             message=f"astroshop base: {SUITE} + {' '.join(PACKAGES)}")
    client.image.prune(filters=[("label", BASE_LABEL)])  # the base this one replaced
    return reference


def pulled(client: DockerClient) -> bool:
    """Pull the registry's base; False when no registry answers."""
    try:
        client.image.pull(PULLED, quiet=True)
    except DockerException:
        return False
    return True


def packages(client: DockerClient, reference: str) -> dict[str, str]:
    """Package -> version of every Debian package in the image (dpkg's own record)."""
    listing = client.run(reference, ["dpkg-query", "-W", "-f=${Package}\t${Version}\n"],
                         remove=True, networks=["none"])
    return dict(line.split("\t", 1) for line in listing.splitlines() if "\t" in line)


def choose(client: DockerClient, source: str, log: Path, rebuild: bool) -> tuple[str, str]:
    """(reference, origin) of the base: one already here, else pulled, else built here
    (`rebuild`: built here again in any case)."""
    if rebuild and source != "registry":
        return build_debian(client, log), "debian"
    if source != "debian" and client.image.exists(PULLED):
        return PULLED, "registry"
    if source != "registry" and client.image.exists(local_reference()):
        return local_reference(), "debian"
    if source != "debian" and pulled(client):
        return PULLED, "registry"
    if source == "registry":
        raise RuntimeError(f"no registry answers for {PULLED}; build the base here with "
                           "`astroshop images base --source debian`")
    return build_debian(client, log), "debian"


def ensure(client: DockerClient, manifest: Path, log: Path, source: str = "auto",
           rebuild: bool = False) -> BaseImage:
    """The base image (pulled, found, or built), its manifest written to `manifest`."""
    reference, origin = choose(client, source, log, rebuild)
    base = BaseImage(reference, client.image.inspect(reference).id, origin,
                     packages(client, reference))
    base.write(manifest)
    return base
