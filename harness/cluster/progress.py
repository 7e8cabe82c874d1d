"""Progress for the cluster commands: a spinner per step with the running Ansible task, a
line with the seconds each step took, and the timings kept for the summary."""
from __future__ import annotations

import time
from contextlib import contextmanager

from rich.console import Console


class ConsoleReporter:
    """Reports steps on a rich console; `timings` holds (step, seconds) once each is done."""

    def __init__(self, console: Console):
        self.console = console
        self.timings: list[tuple[str, float]] = []
        self._status = None
        self._step = ""

    @contextmanager
    def step(self, name: str):
        """Show a spinner while the step runs, then a line with its duration."""
        started = time.monotonic()
        self._step = name
        with self.console.status(f"[bold]{name}[/]") as status:
            self._status = status
            try:
                yield
            finally:
                self._status = None
        seconds = time.monotonic() - started
        self.timings.append((name, seconds))
        self.console.print(f"[green]✓[/] {name} [dim]({seconds:.1f}s)[/]")

    def task(self, name: str) -> None:
        """The Ansible task now running, under the current step."""
        if self._status is not None:
            self._status.update(f"[bold]{self._step}[/]: {name}")

    def total(self) -> float:
        """Seconds of every finished step."""
        return sum(seconds for _, seconds in self.timings)
