"""Which base an image is built on: one already here, pulled, or built from Debian's packages;
and the manifest of the packages it carries."""
from __future__ import annotations

from pathlib import Path

from python_on_whales import DockerClient

from harness.containers.base import PYTHON, BaseImage, Recipe, build_debian, local_reference, pulled


def packages(client: DockerClient, reference: str) -> dict[str, str]:
    """Package -> version of every Debian package in the image (dpkg's own record)."""
    listing = client.run(reference, ["dpkg-query", "-W", "-f=${Package}\t${Version}\n"],
                         remove=True, networks=["none"])
    return dict(line.split("\t", 1) for line in listing.splitlines() if "\t" in line)


def choose(client: DockerClient, source: str, log: Path, rebuild: bool,
           recipe: Recipe = PYTHON) -> tuple[str, str]:
    """(reference, origin) of the base: one already here, else pulled, else built here
    (`rebuild`: built here again in any case). Only a recipe with a registry stand-in pulls."""
    registry = source != "debian" and bool(recipe.pulled)
    if source == "registry" and not recipe.pulled:
        raise RuntimeError(f"the {recipe.name} base has no registry image; build it here with "
                           "`astroshop images base --source debian`")
    if rebuild and source != "registry":
        return build_debian(client, log, recipe), "debian"
    if registry and client.image.exists(recipe.pulled):
        return recipe.pulled, "registry"
    if source != "registry" and client.image.exists(local_reference(recipe)):
        return local_reference(recipe), "debian"
    if registry and pulled(client, recipe):
        return recipe.pulled, "registry"
    if source == "registry":
        raise RuntimeError(f"no registry answers for {recipe.pulled}; build the base here with "
                           "`astroshop images base --source debian`")
    return build_debian(client, log, recipe), "debian"


def ensure(client: DockerClient, manifest: Path, log: Path, source: str = "auto",
           rebuild: bool = False, recipe: Recipe = PYTHON) -> BaseImage:
    """The base image (pulled, found, or built), its manifest written to `manifest`."""
    reference, origin = choose(client, source, log, rebuild, recipe)
    base = BaseImage(reference, client.image.inspect(reference).id, origin,
                     packages(client, reference))
    base.write(manifest)
    return base
