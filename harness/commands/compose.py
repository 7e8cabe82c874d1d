"""`astroshop compose render | up | down | status`: the whole shop in containers on the engine."""
from __future__ import annotations

import json
import sys

import click
from python_on_whales.exceptions import DockerException
from rich.console import Console
from rich.table import Table

from harness.commands.errors import fail
from harness.containers import compose, composestack
from harness.containers.engine import EngineUnavailable
from harness.containers.project import ComposeProject
from harness.exits import Exit
from harness.paths import RunPaths

console = Console()
FAILURES = (EngineUnavailable, composestack.ComposeError, RuntimeError)


def docker_failure(exc: DockerException, what: str) -> str:
    """The message of a failed docker call: what failed, its code and its last lines."""
    tail = "\n".join((exc.stderr or "").strip().splitlines()[-8:])
    return f"docker compose {what} failed ({exc.return_code}){': ' + tail if tail else ''}"


@click.group(name="compose")
def compose_group():
    """The shop in containers: every service, Envoy, Prometheus (PostgreSQL, Redis: --stores)."""


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
@click.option("--stores", is_flag=True, help="PostgreSQL and Redis (the `stores` profile, "
              "generated passwords) instead of each service's SQLite volume.")
@click.option("--timeout", default=240, show_default=True, help="Seconds to become healthy.")
def up(stores, timeout):
    """Build the images (reused when unchanged), start everything, wait until all is healthy."""
    project = ComposeProject.of()
    project = ComposeProject(project.root, project.offset, stores)
    try:
        with console.status("compose up") as status:
            seconds = composestack.up(project, timeout, progress=status.update)
    except DockerException as exc:
        fail(docker_failure(exc, "up") + "; see `docker compose logs` or `astroshop compose "
             "status`")
    except FAILURES as exc:
        fail(exc)
    console.print(f"[green]project {project.name} healthy[/] in {seconds:.0f}s: store "
                  f"{project.edge_url()}/  prometheus {project.prometheus_url()}/ (stop: "
                  "astroshop compose down)", soft_wrap=True)


@compose_group.command()
@click.option("--volumes", is_flag=True, help="Also delete the data volumes (orders, carts, "
              "metrics); without it they wait for the next `up`.")
def down(volumes):
    """Stop and remove the containers and the network; fail if anything is left behind."""
    project = ComposeProject.of()
    try:
        removed = composestack.down(project, volumes)
    except DockerException as exc:
        fail(docker_failure(exc, "down"))
    except FAILURES as exc:
        fail(exc)
    kept = "" if volumes else " (data volumes kept: --volumes deletes them)"
    console.print(f"project {project.name}: {len(removed)} containers removed{kept}")


@compose_group.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status(as_json):
    """The project's URLs and containers (state, health, memory); exit 3 when none runs."""
    try:
        report = composestack.status(ComposeProject.of(RunPaths.default()))
    except DockerException as exc:
        fail(docker_failure(exc, "ps"))
    except FAILURES as exc:
        fail(exc)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        table = Table("service", "container", "state", "health", "memory MB", "RSS MB",
                      title=f"{report['project']} on {report['subnet']}")
        for item in report["containers"]:
            table.add_row(item["service"], item["name"], item["state"], item["health"] or "-",
                          str(item["memory_mb"] or "-"), str(item["rss_mb"]))
        console.print(table)
        console.print(f"store {report['edge_url']}/  prometheus {report['prometheus_url']}/  "
                      f"memory {report['memory_mb']} MB (RSS {report['rss_mb']} MB)",
                      soft_wrap=True)
    if not report["running"]:
        if not as_json:
            console.print("no container of the project runs; start it with "
                          "`astroshop compose up`")
        sys.exit(Exit.CANNOT_JUDGE)
