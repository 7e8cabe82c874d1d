"""Bring the local stack up and down, and report on it."""
from __future__ import annotations

import time
from dataclasses import dataclass

import psutil

from harness import prometheus
from harness.faults.flagfile import install_defaults, live_path
from harness.paths import RunPaths
from harness.stack import edge, supervisor
from harness.stack.health import busy_ports, probe, wait_healthy
from harness.stack.options import StackOptions
from harness.stack.processes import ProcessSpec, all_processes


class StackError(RuntimeError):
    """A user-facing problem with the stack: already running, busy port, failed start."""


@dataclass
class Stack:
    """The stack of one run directory."""

    paths: RunPaths

    def options(self) -> StackOptions:
        return StackOptions.load(self.paths)

    def processes(self, options: StackOptions | None = None) -> list[ProcessSpec]:
        options = options or self.options()
        return all_processes(options.topology(), self.paths, options)

    def running(self) -> bool:
        """Whether this run directory's supervisord is alive."""
        return supervisor.supervisord_pid(self.paths) is not None

    def up(self, options: StackOptions, timeout: float = 90.0) -> float:
        """Render configs, start supervisord and wait until all is healthy; return seconds."""
        if self.running():
            raise StackError(f"a stack is already running from {self.paths.root}; "
                             "run `astroshop down` first (or `astroshop status`)")
        topology = options.topology()
        busy = busy_ports(topology.ports(), topology.host)
        if busy:
            listing = ", ".join(f"{port} ({name})" for name, port in busy.items())
            raise StackError(f"port(s) already in use: {listing}; stop whatever listens "
                             "there or start from another run directory")
        self.paths.ensure()
        options.save(self.paths)
        processes = self.processes(options)
        edge.write_config(topology, self.paths, options.tls_only)
        install_defaults(live_path(self.paths))  # every fault starts off
        prometheus.write_stack_config(topology, self.paths)
        self.paths.supervisor_conf.write_text(supervisor.render(self.paths, processes))
        started = time.monotonic()
        supervisor.start(self.paths)
        try:
            wait_healthy(processes, self.states, timeout)
        except RuntimeError as exc:
            raise StackError(f"{exc}; see `astroshop logs` ({self.paths.logs})") from exc
        return time.monotonic() - started

    def states(self) -> dict[str, str]:
        """Supervisor's state of every process, by name."""
        return {info["name"]: info["statename"]
                for info in supervisor.rpc(self.paths).supervisor.getAllProcessInfo()}

    def down(self, timeout: float = 30.0) -> bool:
        """Stop every process and supervisord itself; False if nothing was running."""
        pid = supervisor.supervisord_pid(self.paths)
        if pid is None:
            return False
        proxy = supervisor.rpc(self.paths)
        proxy.supervisor.stopAllProcesses()
        proxy.supervisor.shutdown()
        try:
            psutil.Process(pid).wait(timeout)
        except psutil.NoSuchProcess:
            pass
        return True

    def status(self) -> list[dict]:
        """One row per process: name, pid, state, health, port, RSS in MB."""
        infos = {i["name"]: i for i in supervisor.rpc(self.paths).supervisor.getAllProcessInfo()}
        rows = []
        for spec in self.processes():
            info = infos.get(spec.name, {})
            pid = info.get("pid") or None
            rows.append({"name": spec.name, "pid": pid, "state": info.get("statename", "UNKNOWN"),
                         "health": probe(spec.health_url) if pid else "down",
                         "port": spec.port, "rss_mb": round(tree_rss(pid) / 2**20, 1)})
        return rows


def tree_pss(pid: int | None) -> int:
    """Proportional memory of a process and its children: shared pages counted once."""
    return _tree_memory(pid, lambda process: process.memory_full_info().pss)


def tree_rss(pid: int | None) -> int:
    """Resident memory of a process and all its children, in bytes."""
    return _tree_memory(pid, lambda process: process.memory_info().rss)


def _tree_memory(pid: int | None, measure) -> int:
    """Sum `measure` over a process and all its children; 0 when it is gone."""
    if not pid:
        return 0
    try:
        root = psutil.Process(pid)
        return sum(measure(process) for process in [root, *root.children(recursive=True)])
    except psutil.NoSuchProcess:
        return 0
