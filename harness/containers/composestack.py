"""`compose up | down | status` on a ComposeProject: the images built first, the ports checked,
every container healthy before `up` returns; `down` leaves nothing of the project behind."""
from __future__ import annotations

import time
from collections.abc import Callable

from python_on_whales import Container, DockerClient

from harness.containers import building, images
from harness.containers.project import ComposeProject
from harness.stack.health import busy_ports
from harness.stack.memory import tree_rss

PROJECT_LABEL = "com.docker.compose.project"
SERVICE_LABEL = "com.docker.compose.service"


class ComposeError(RuntimeError):
    """A compose stack cannot be started or stopped as asked; the message says why."""


def needed_images(stores: bool) -> list[images.ImageSpec]:
    """The images the stack runs: shop, Envoy, Prometheus, and the stores' with the profile."""
    names = [images.ENVOY, images.SHOP, images.PROMETHEUS]
    if stores:
        names += [images.POSTGRES, images.REDIS]
    return images.select(tuple(names))


def up(project: ComposeProject, timeout: int,
       progress: Callable[[str], None] = lambda line: None) -> float:
    """Build (or reuse) the images, then start every container and wait until all are healthy;
    return the seconds it took."""
    started = time.monotonic()
    client = project.client()
    if not running_containers(client, project):
        busy = busy_ports(project.ports())
        if busy:
            listing = ", ".join(f"{port} ({name})" for name, port in busy.items())
            raise ComposeError(f"port(s) already in use on 127.0.0.1: {listing}; stop what "
                               "listens there (`astroshop down`?) or choose another "
                               "ASTROSHOP_PORT_OFFSET")
    building.build(client, needed_images(project.stores), progress=progress)
    project.write()
    progress(f"starting project {project.name} on {project.subnet}")
    project.client().compose.up(detach=True, wait=True, wait_timeout=timeout, quiet=True)
    return time.monotonic() - started


def containers(client: DockerClient, project: ComposeProject) -> list[Container]:
    """Every container of the project, running or not, found by compose's label."""
    return client.container.list(all=True, filters={"label": f"{PROJECT_LABEL}={project.name}"})


def running_containers(client: DockerClient, project: ComposeProject) -> list[Container]:
    """The project's containers that run (paused ones too)."""
    return [c for c in containers(client, project) if c.state.running]


def leftovers(client: DockerClient, project: ComposeProject, volumes: bool) -> list[str]:
    """What of the project is still there: containers, networks, and volumes if they should go."""
    label = {"label": f"{PROJECT_LABEL}={project.name}"}
    found = [f"container {c.name}" for c in containers(client, project)]
    found += [f"network {n.name}" for n in client.network.list(filters=label)]
    if volumes:
        found += [f"volume {v.name}" for v in client.volume.list(filters=label)]
    return found


def down(project: ComposeProject, volumes: bool = False) -> list[str]:
    """Stop and remove the containers and the network (and the data volumes with `volumes`);
    raise ComposeError naming anything left behind. Returns the containers it removed."""
    client = project.client()
    removed = [c.name for c in containers(client, project)]
    if project.env_file.exists():
        client.compose.down(volumes=volumes, remove_orphans=True, timeout=10, quiet=True)
    left = leftovers(client, project, volumes)
    if left:
        raise ComposeError("left behind: " + ", ".join(left))
    project.forget()
    return removed


def row(container: Container, memory: dict[str, float]) -> dict:
    """One container for `status`: service, name, state, health, memory (docker stats), RSS."""
    state = container.state
    return {"service": container.config.labels.get(SERVICE_LABEL), "name": container.name,
            "state": state.status, "health": state.health.status if state.health else None,
            "memory_mb": memory.get(container.name),
            "rss_mb": round(tree_rss(state.pid) / 2**20, 1) if state.running else 0.0}


def status(project: ComposeProject) -> dict:
    """The project for people and scripts: its URLs, network, and every container."""
    client = project.client()
    found = containers(client, project)
    running = [c for c in found if c.state.running]
    memory = {s.container_name: round(s.memory_used / 2**20, 1)
              for s in client.stats(running)} if running else {}
    rows = [row(c, memory) for c in found]
    return {"project": project.name, "running": bool(running), "stores": project.stores,
            "edge_url": project.edge_url(), "prometheus_url": project.prometheus_url(),
            "subnet": project.subnet, "env_file": str(project.env_file), "containers": rows,
            "memory_mb": round(sum(r["memory_mb"] or 0 for r in rows), 1),
            "rss_mb": round(sum(r["rss_mb"] for r in rows), 1)}
