"""Process faults on the compose stack's containers, through the engine (python-on-whales).

A crash is `docker kill` (SIGKILL to the container's processes). Docker never restarts a
container it was told to kill, whatever its restart policy, so it stays down until `fault
clear` (or `compose up`) starts it again; `--stay-down` is `docker stop`, a graceful stop. A
freeze is `docker pause` (the cgroup freezer: connections are accepted, nothing answers).
"""
from __future__ import annotations

from python_on_whales import Container

from harness.containers.composestack import SERVICE_LABEL, containers
from harness.containers.project import ComposeProject
from harness.faults.values import BadFaultInput

NUMBER_LABEL = "com.docker.compose.container-number"


class ContainerReplicas:
    """The replicas of the compose stack's services: one container each."""

    def __init__(self, project: ComposeProject):
        self.project = project
        self.client = project.client()

    def by_service(self) -> dict[str, list[Container]]:
        """The project's containers by compose service, in container-number order."""
        found: dict[str, list[Container]] = {}
        for container in containers(self.client, self.project):
            found.setdefault(container.config.labels[SERVICE_LABEL], []).append(container)
        return {name: sorted(group, key=lambda c: int(c.config.labels.get(NUMBER_LABEL, 1)))
                for name, group in found.items()}

    def names(self, service: str, replica: int | None = None) -> list[str]:
        """The container names of a service's replicas (or of one, counted from 0)."""
        groups = self.by_service()
        if service not in groups:
            raise BadFaultInput(f"the compose project {self.project.name} has no service "
                                f"{service!r}; it has {', '.join(sorted(groups))}")
        names = [c.name for c in groups[service]]
        if replica is None:
            return names
        if not 0 <= replica < len(names):
            raise BadFaultInput(f"{service} has {len(names)} container(s): --replica 0.."
                                f"{len(names) - 1}")
        return [names[replica]]

    def kill(self, names: list[str]) -> list[str]:
        """SIGKILL the containers; they stay down until restored."""
        self.client.container.kill(names)
        return names

    def stop(self, names: list[str]) -> list[str]:
        """Stop the containers gracefully; they stay down until restored."""
        self.client.container.stop(names, time=10)
        return names

    def freeze(self, names: list[str]) -> list[str]:
        """Pause the containers."""
        self.client.container.pause(names)
        return names

    def thaw(self, names: list[str]) -> list[str]:
        """Unpause the containers."""
        self.client.container.unpause(names)
        return names

    def disturbed(self) -> dict[str, str]:
        """Containers that are paused ("frozen") or not running (their state), by name."""
        found = {}
        for container in containers(self.client, self.project):
            if container.state.paused:
                found[container.name] = "frozen"
            elif not container.state.running:
                found[container.name] = container.state.status
        return found

    def restore(self, only: list[str] | None = None) -> list[str]:
        """Unpause paused containers and start stopped ones (all, or those in `only`)."""
        found = {name: how for name, how in self.disturbed().items()
                 if only is None or name in only}
        paused = [name for name, how in found.items() if how == "frozen"]
        stopped = [name for name in found if name not in paused]
        if paused:
            self.client.container.unpause(paused)
        if stopped:
            self.client.container.start(stopped)
        return list(found)
