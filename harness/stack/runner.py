"""The Stack handle: how every command and test finds, starts, stops and drives a local stack."""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from harness import prometheus
from harness.alerting import supervised
from harness.flags import install_defaults
from harness.signing import keyset
from harness.paths import RunPaths
from harness.stack import edge, replicas, supervisor
from harness.stack.health import busy_ports, status_rows, wait_healthy
from harness.stack.options import StackOptions
from harness.stack.processes import ProcessSpec, all_processes
from harness.model.topology import Topology


class StackError(RuntimeError):
    """A user-facing problem with the stack: not running, already running, busy port."""


@dataclass(frozen=True)
class Stack:
    """The stack of one run directory, running or not."""

    paths: RunPaths

    @classmethod
    def current(cls) -> Stack:
        """The stack of $ASTROSHOP_RUN_DIR, else of ./run at the repository root."""
        return cls(RunPaths.default())

    @classmethod
    def at(cls, root: Path) -> Stack:
        """The stack of the run directory `root`."""
        return cls(RunPaths(Path(root)))

    def options(self) -> StackOptions:
        """What the stack was started with (the defaults when it never was)."""
        return StackOptions.load(self.paths)

    def topology(self) -> Topology:
        """The topology the stack was started with: ports, replicas, addresses."""
        return self.options().topology()

    def public_url(self) -> str:
        """The shop's public listener."""
        return self.topology().public_url()

    def prometheus_url(self) -> str:
        """The stack's Prometheus."""
        return prometheus.url(self.topology())

    def processes(self, options: StackOptions | None = None) -> list[ProcessSpec]:
        """Every process the stack runs (or would run with `options`)."""
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
        install_defaults(self.paths.flags)  # every fault starts off
        keyset.ensure(self.paths.signing_keys)  # made once per run directory, then kept
        prometheus.write_stack_config(topology, self.paths, supervised.exporter_targets(
            topology, options.database_url, options.redis_url))
        supervised.write_configs(topology, self.paths)
        self.paths.supervisor_conf.write_text(supervisor.render(self.paths, processes))
        started = time.monotonic()
        supervisor.start(self.paths)
        try:
            wait_healthy(processes, self.states, timeout)
        except RuntimeError as exc:
            raise StackError(f"{exc}; see `astroshop logs` ({self.paths.logs})") from exc
        return time.monotonic() - started

    def control(self):
        """supervisord's XML-RPC namespace; StackError when no stack runs here."""
        if not self.running():
            raise StackError(f"no stack is running from {self.paths.root}; start it with "
                             "`astroshop up`")
        return supervisor.rpc(self.paths).supervisor

    def states(self) -> dict[str, str]:
        """Supervisor's state of every process, by name (asked even while it starts up)."""
        infos = supervisor.rpc(self.paths).supervisor.getAllProcessInfo()
        return {info["name"]: info["statename"] for info in infos}

    def replicas(self, service: str, replica: int | None = None) -> list[str]:
        """The process names of a service's replicas (or of one); KeyError when unknown."""
        return replicas.names(self.topology(), service, replica)

    def stop(self, names: list[str]) -> list[str]:
        """Stop the named replicas; they stay down until started. Those it stopped."""
        return replicas.stop(self.control(), names)

    def start(self, names: list[str]) -> list[str]:
        """Start the named replicas that are down. Those it started."""
        return replicas.start(self.control(), names)

    def down(self, timeout: float = 30.0) -> bool:
        """Stop every process and supervisord itself; False if nothing was running."""
        pid = supervisor.supervisord_pid(self.paths)
        if pid is None:
            return False
        proxy = supervisor.rpc(self.paths)
        proxy.supervisor.stopAllProcesses()
        proxy.supervisor.shutdown()
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).wait(timeout)
        return True

    def status(self) -> list[dict]:
        """One row per process: name, pid, state, health, port, RSS in MB."""
        return status_rows(self.processes(), self.control().getAllProcessInfo())
