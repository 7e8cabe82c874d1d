"""The alerting processes of the local stack, as supervisor programs: Alertmanager, the
webhook receiver, blackbox_exporter. Their configs are written here too."""
from __future__ import annotations

import sys
from pathlib import Path

from harness.alerting import alertmanager, notifications, probes
from harness.alerting.notifications import STORE_ENV
from harness.paths import RunPaths
from harness.model.topology import Topology

BIN = Path(sys.executable).parent


def write_configs(topology: Topology, paths: RunPaths) -> None:
    """alertmanager.yml and blackbox.yml in the run directory."""
    alertmanager.write(topology, alertmanager.config_path(paths))
    probes.write(paths)


def receiver_command(port: int) -> list[str]:
    """The receiver under gunicorn: one worker (one writer of the store), a few threads."""
    return [str(BIN / "gunicorn"), "--bind", f"127.0.0.1:{port}", "--workers", "1",
            "--threads", "4", "--name", "astroshop-alert-receiver",
            "harness.alerting.receiver:create_app()"]


def processes(topology: Topology, paths: RunPaths) -> list[dict]:
    """ProcessSpec fields of each alerting process (health URL, kind, environment)."""
    am_port, hook_port = topology.alertmanager_port, topology.alert_receiver_port
    return [
        {"name": "alert-receiver", "command": receiver_command(hook_port), "port": hook_port,
         "health_url": f"http://127.0.0.1:{hook_port}/healthz", "kind": "alerting",
         "env": {STORE_ENV: str(notifications.store_path(paths))}},
        {"name": "alertmanager",
         "command": alertmanager.command(alertmanager.config_path(paths),
                                         paths.root / "alertmanager", am_port),
         "port": am_port, "health_url": f"{alertmanager.url(topology)}/-/ready",
         "kind": "alerting"},
        {"name": "blackbox", "command": probes.command(probes.config_path(paths),
                                                        topology.blackbox_port),
         "port": topology.blackbox_port,
         "health_url": f"http://127.0.0.1:{topology.blackbox_port}/-/healthy",
         "kind": "alerting"},
    ]
