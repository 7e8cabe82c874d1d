"""`astroshop images build [--push REGISTRY]`: the images, through python-on-whales."""
from __future__ import annotations

import click
from python_on_whales.exceptions import DockerException
from rich.console import Console

from harness.commands.errors import fail
from harness.containers import images
from harness.containers.engine import EngineUnavailable, ready_client
from harness.exits import Exit

console = Console()


@click.group(name="images")
def images_group():
    """Container images of the shop, from the one Dockerfile."""


@images_group.command()
@click.argument("names", nargs=-1)
@click.option("--push", "registry", default="", metavar="REGISTRY",
              help="Push to this registry after building (e.g. ghcr.io/you).")
@click.option("--tag", default="", help="Image tag (default: the project's version).")
def build(names, registry, tag):
    """Build every image (or the NAMES given: catalog, envoy, ...)."""
    try:
        specs = images.select(images.image_specs(), names)
        client = ready_client("buildx")
        built = images.build(client, specs, registry=registry, tag=tag, push=bool(registry))
    except KeyError as exc:
        fail(exc.args[0], Exit.USAGE)
    except EngineUnavailable as exc:
        fail(str(exc))
    except DockerException as exc:
        fail(f"docker build failed ({exc.return_code}): see its output above")
    for reference in built:
        console.print(f"{'pushed' if registry else 'built'} {reference}")
