"""`astroshop compose render | up | down | status`: the shop on Docker, via python-on-whales."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from python_on_whales.exceptions import DockerException
from rich.console import Console
from rich.table import Table

from harness.commands.errors import fail
from harness.containers import compose
from harness.containers.configs import APP_UID
from harness.containers.engine import EngineUnavailable, ready_client
from harness.exits import Exit
from harness.paths import REPO_ROOT, RunPaths
from harness.stack.options import secret_key
from harness.signing.keyset import copy_for
from harness.stack.runner import Stack

console = Console()


def container_keys(paths: RunPaths) -> Path:
    """The run directory's signing key set, copied for the accounts container's user."""
    return copy_for(paths.signing_keys, paths.root / "containers" / "keyset.json", APP_UID)


def client():
    """A compose-ready DockerClient for compose.yaml, or exit with what is missing."""
    try:
        return ready_client("compose", compose_files=[compose.COMPOSE_FILE],
                            compose_project_directory=REPO_ROOT)
    except EngineUnavailable as exc:
        fail(str(exc))


@click.group(name="compose")
def compose_group():
    """The shop on a Docker engine: every service, Envoy, Prometheus, PostgreSQL, Redis."""


@compose_group.command()
@click.option("--check", is_flag=True, help="Exit 1 if compose.yaml differs from the rendering.")
def render(check):
    """Write compose.yaml from the topology model."""
    text = compose.text()
    if check:
        current = compose.COMPOSE_FILE.read_text() if compose.COMPOSE_FILE.exists() else ""
        if current != text:
            fail("compose.yaml is out of date; run `astroshop compose render`")
        console.print("compose.yaml matches the topology")
        return
    compose.COMPOSE_FILE.write_text(text)
    console.print(f"wrote {compose.COMPOSE_FILE}")


@compose_group.command()
@click.option("--build", is_flag=True, help="Build the images first.")
@click.option("--timeout", default=180, show_default=True, help="Seconds to become healthy.")
def up(build, timeout):
    """Start everything and wait until every container is healthy."""
    docker = client()
    paths = Stack.current().paths.ensure()
    os.environ.setdefault("ASTROSHOP_SECRET_KEY", secret_key(paths))
    os.environ.setdefault("ASTROSHOP_SIGNING_KEYS_FILE", str(container_keys(paths)))
    try:
        docker.compose.up(detach=True, wait=True, wait_timeout=timeout, build=build)
    except DockerException as exc:
        fail(f"docker compose up failed ({exc.return_code}); see `docker compose logs`")
    port = os.environ.get("ASTROSHOP_PUBLIC_PORT", "8080")
    console.print(f"[green]the shop is up[/]: http://127.0.0.1:{port}/ "
                  "(stop: astroshop compose down)")


@compose_group.command()
@click.option("--volumes", is_flag=True, help="Also delete the databases' volumes.")
def down(volumes):
    """Stop and remove the containers (and the volumes with --volumes)."""
    try:
        client().compose.down(volumes=volumes)
    except DockerException as exc:
        fail(f"docker compose down failed ({exc.return_code})")
    console.print("compose stack stopped")


@compose_group.command()
def status():
    """A table of containers: name, state, health."""
    try:
        containers = client().compose.ps(all=True)
    except DockerException as exc:
        fail(f"docker compose ps failed ({exc.return_code})")
    if not containers:
        console.print("no compose stack is running; start one with `astroshop compose up`")
        sys.exit(Exit.CANNOT_JUDGE)
    table = Table("name", "state", "health")
    for container in containers:
        health = container.state.health.status if container.state.health else "-"
        table.add_row(container.name, container.state.status, health)
    console.print(table)
