"""The alerting processes of the local stack, as supervisor programs: Alertmanager, the
webhook receiver, blackbox_exporter, and the exporters of the stores the stack was given
(`astroshop up --database-url/--redis-url`). Their configs are written here too."""
from __future__ import annotations

import sys

from harness.alerting import alertmanager, exporters, notifications, probes
from harness.alerting.notifications import STORE_ENV
from harness.paths import RunPaths
from harness.model.services import SERVE
from harness.model.topology import Topology


def write_configs(topology: Topology, paths: RunPaths) -> None:
    """alertmanager.yml and blackbox.yml in the run directory."""
    alertmanager.write(topology, alertmanager.config_path(paths))
    probes.write(paths)


def receiver_args(*binds: str) -> list[str]:
    """The interpreter's arguments for the receiver on `binds` (`host:port` each): the
    services' server (gunicorn's options), one worker (one writer of the store) in one
    process, a few threads."""
    return [*SERVE, *(arg for bind in binds for arg in ("--bind", bind)), "--workers", "1",
            "--threads", "4", "--name", "astroshop-alert-receiver",
            "harness.alerting.receiver:create_app()"]


def receiver_command(port: int) -> list[str]:
    """The local stack's receiver under this interpreter, on loopback."""
    return [sys.executable, *receiver_args(f"127.0.0.1:{port}")]


def processes(topology: Topology, paths: RunPaths) -> list[dict]:
    """ProcessSpec fields of each alerting process (health URL, kind, environment)."""
    am_port, hook_port = topology.alertmanager_port, topology.alert_receiver_port
    return [
        {"name": "alert-receiver", "command": receiver_command(hook_port), "port": hook_port,
         "health_url": f"http://127.0.0.1:{hook_port}/healthz", "kind": "alerting",
         "env": {STORE_ENV: str(notifications.store_path(paths))}},
        {"name": "alertmanager",
         "command": alertmanager.command(alertmanager.config_path(paths),
                                         paths.root / "alertmanager", f"127.0.0.1:{am_port}"),
         "port": am_port, "health_url": f"{alertmanager.url(topology)}/-/ready",
         "kind": "alerting"},
        {"name": "blackbox", "command": probes.command(probes.config_path(paths),
                                                        topology.blackbox_port),
         "port": topology.blackbox_port,
         "health_url": f"http://127.0.0.1:{topology.blackbox_port}/-/healthy",
         "kind": "alerting"},
    ]


def exporter_processes(topology: Topology, database_url: str, redis_url: str) -> list[dict]:
    """ProcessSpec fields of each store exporter the stack runs: its store's URL (with the
    password) in its environment, never on its command line."""
    found = []
    for exporter, url in exporters.running(database_url, redis_url):
        port = exporter.port(topology)
        found.append({"name": exporter.name, "command": exporter.command(f"127.0.0.1:{port}"),
                      "port": port, "health_url": f"http://127.0.0.1:{port}"
                      f"{exporter.health_path}", "kind": "exporter",
                      "env": exporters.environment(exporter, url)})
    return found


def exporter_targets(topology: Topology, database_url: str, redis_url: str
                     ) -> dict[str, tuple[str, ...]]:
    """Prometheus's exporter jobs of the stack: job -> its address."""
    return {exporter.job: (f"127.0.0.1:{exporter.port(topology)}",)
            for exporter, _ in exporters.running(database_url, redis_url)}
