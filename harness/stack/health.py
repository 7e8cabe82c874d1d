"""Health probes of the stack's processes: their status rows, and waiting for all of them."""
from __future__ import annotations

import socket
import time

import urllib3
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from harness.stack.memory import tree_rss
from harness.stack.processes import ProcessSpec

HTTP = urllib3.PoolManager(retries=False, timeout=urllib3.Timeout(connect=0.5, read=2.0))
FAILED_STATES = {"FATAL", "BACKOFF", "EXITED"}


def probe(url: str) -> str:
    """'healthy', 'unhealthy (HTTP n)' or 'down' for one health URL."""
    try:
        response = HTTP.request("GET", url)
    except urllib3.exceptions.HTTPError:
        return "down"
    return "healthy" if response.status == 200 else f"unhealthy (HTTP {response.status})"


def status_rows(processes: list[ProcessSpec], infos: list[dict]) -> list[dict]:
    """One row per process from supervisord's `infos`: name, pid, state, health, port, RSS MB."""
    by_name = {info["name"]: info for info in infos}
    rows = []
    for spec in processes:
        info = by_name.get(spec.name, {})
        pid = info.get("pid") or None
        rows.append({"name": spec.name, "pid": pid, "state": info.get("statename", "UNKNOWN"),
                     "health": probe(spec.health_url) if pid else "down",
                     "port": spec.port, "rss_mb": round(tree_rss(pid) / 2**20, 1)})
    return rows


def busy_ports(ports: dict[str, int], host: str = "127.0.0.1") -> dict[str, int]:
    """The ports among `ports` that something already listens on."""
    busy = {}
    for name, port in ports.items():
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.2)
            if sock.connect_ex((host, port)) == 0:
                busy[name] = port
    return busy


class StartFailed(RuntimeError):
    """A process died or never became healthy."""


def wait_healthy(processes: list[ProcessSpec], states, timeout: float = 90.0) -> float:
    """Poll until every process is healthy, with a progress bar; return the seconds taken.

    `states` is a callable returning {name: supervisor state name}.
    """
    started = time.monotonic()
    pending = {spec.name: spec for spec in processes}
    columns = (TextColumn("[bold]starting[/]"), BarColumn(), TextColumn("{task.completed}/"
               "{task.total} healthy"), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("", total=len(processes))
        while pending:
            current = states()
            for name, spec in list(pending.items()):
                if current.get(name) in FAILED_STATES:
                    raise StartFailed(f"{name} is {current[name]}")
                if current.get(name) == "RUNNING" and probe(spec.health_url) == "healthy":
                    del pending[name]
            progress.update(task, completed=len(processes) - len(pending),
                            description="waiting for " + ", ".join(sorted(pending)[:4]))
            if pending and time.monotonic() - started > timeout:
                raise StartFailed("never healthy: " + ", ".join(sorted(pending)))
            time.sleep(0.2)
    return time.monotonic() - started
