"""`engine up | down | status`: start dockerd when no engine answers, stop only the one this
run directory started, and leave the host's network as it was found."""
from __future__ import annotations

from dataclasses import dataclass, field

import psutil

from harness.containers import daemon, hostnet
from harness.containers.enginefiles import EngineFiles, Started
from harness.containers.engine import (EngineUnavailable, answering, client_binary,
                                       docker_client, engine_host, plugin_config)
from harness.polling import poll_until

START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 60


@dataclass
class Outcome:
    """What up or down did: whether it started or stopped a dockerd, and what it put back."""

    acted: bool
    pid: int | None = None
    restored: list[str] = field(default_factory=list)


def log_tail(files: EngineFiles, lines: int = 15) -> str:
    """The last lines of dockerd's log."""
    if not files.log.exists():
        return ""
    return "\n".join(files.log.read_text(errors="replace").splitlines()[-lines:])


def up(files: EngineFiles | None = None, timeout: float = START_TIMEOUT_S) -> Outcome:
    """Start dockerd unless an engine answers; wait until it answers."""
    files = files or EngineFiles.of()
    left = Started.load(files.state)
    running = daemon.recorded_process(left) if left else None
    if left and running is None:
        down(files)  # a dockerd started here died: put the host back before starting again
    client = docker_client()
    if answering(client):
        return Outcome(False, running.pid if running else None)
    before = hostnet.snapshot()
    process = daemon.launch(files)
    Started(process.pid, process.create_time(), engine_host(), str(daemon.data_root()),
            before).save(files.state)

    def settled() -> str:
        """'answering', 'exited', or '' while dockerd is still starting."""
        if not process.is_running() or process.status() == psutil.STATUS_ZOMBIE:
            return "exited"
        return "answering" if answering(client) else ""

    if poll_until(settled, timeout, f"dockerd (pid {process.pid}) answering at "
                  f"{engine_host()}") == "exited":
        down(files)
        raise EngineUnavailable(f"dockerd exited while starting; its log ({files.log}) ends "
                                f"with:\n{log_tail(files)}")
    return Outcome(True, process.pid)


def down(files: EngineFiles | None = None, timeout: float = STOP_TIMEOUT_S) -> Outcome:
    """Stop the dockerd this run directory started (none other), then put the host back."""
    files = files or EngineFiles.of()
    started = Started.load(files.state)
    if started is None:
        return Outcome(False)
    process = daemon.recorded_process(started)
    if process is not None:
        daemon.terminate(process, timeout)
    restored = hostnet.restore(started.network, hostnet.snapshot())
    files.state.unlink()
    return Outcome(process is not None, started.pid, restored)


def status(files: EngineFiles | None = None) -> dict:
    """The engine's state for people and scripts: who runs it, its versions, its files."""
    files = files or EngineFiles.of()
    client = docker_client()
    started = Started.load(files.state)
    process = daemon.recorded_process(started) if started else None
    report = {"answering": answering(client), "host": engine_host(), "client": client_binary(),
              "plugins": str(plugin_config() / "cli-plugins"),
              "started_here": process is not None, "pid": process.pid if process else None,
              "data_root": started.data_root if started else None,
              "log": str(files.log) if started else None}
    if report["answering"]:
        version = client.version()
        report.update(server_version=version.server.version,
                      api_version=version.server.api_version,
                      client_version=version.client.version,
                      compose_version=compose_version(client))
    if started:
        report["host_changes"] = hostnet.changes(started.network, hostnet.snapshot())
    return report


def compose_version(client) -> str | None:
    """The Compose plugin's version, or None when it is not installed."""
    if not client.compose.is_installed():
        return None
    return client.compose.version().split()[-1]

