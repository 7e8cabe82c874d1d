"""Which replicas a process fault acts on: the local stack's processes (through supervisord
and signals), or, when the run directory's stack is the compose one, its containers (through
the engine). Both offer the same verbs."""
from __future__ import annotations

from harness.containers.project import ComposeProject
from harness.faults import processes
from harness.faults.containers import ContainerReplicas
from harness.stack.runner import Stack


class SupervisedReplicas:
    """The local stack's replicas: process groups under supervisord."""

    def __init__(self, stack: Stack):
        self.stack = stack

    def names(self, service: str, replica: int | None = None) -> list[str]:
        """The process names of a service's replicas (or of one)."""
        return processes.replica_names(self.stack, service, replica)

    def kill(self, names: list[str]) -> list[str]:
        """SIGKILL them; supervisord starts them again."""
        return processes.kill(self.stack, names)

    def stop(self, names: list[str]) -> list[str]:
        """Stop them through supervisord; they stay down until restored."""
        return self.stack.stop(names)

    def freeze(self, names: list[str]) -> list[str]:
        """SIGSTOP them."""
        return processes.freeze(self.stack, names)

    def thaw(self, names: list[str]) -> list[str]:
        """SIGCONT them."""
        return processes.thaw(self.stack, names)

    def disturbed(self) -> dict[str, str]:
        """Replicas frozen or down."""
        return processes.disturbed(self.stack)

    def restore(self, only: list[str] | None = None) -> list[str]:
        """Thaw and start what is disturbed."""
        return processes.restore(self.stack, only)


def compose_project(stack: Stack) -> ComposeProject | None:
    """The compose project started from the stack's run directory, unless the local stack
    runs there (it is then the one faults act on)."""
    project = ComposeProject.of(stack.paths)
    return project if project.recorded() and not stack.running() else None


def replicas_of(stack: Stack) -> SupervisedReplicas | ContainerReplicas:
    """The replicas of whatever runs from the stack's run directory."""
    project = compose_project(stack)
    return ContainerReplicas(project) if project else SupervisedReplicas(stack)
