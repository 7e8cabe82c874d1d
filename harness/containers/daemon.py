"""AstroShop's own dockerd, started when no engine answers and stopped only by the pid it
recorded; its config, pid file, log and state live under the run directory.

It never touches the host's firewall: `iptables` and `ip-forward` are off, so the FORWARD
policy stays as it was and the cluster's bridge keeps forwarding. Containers still reach each
other on their networks (embedded DNS included) and published ports on 127.0.0.1 go through
docker-proxy; what is lost is NAT to the outside, which no AstroShop container needs (nothing
is fetched inside a build). Images live in a data root of their own, outside the run directory,
so they outlive `make clean` and serve every checkout on the machine.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import psutil

from harness.containers.engine import EngineUnavailable, engine_host
from harness.containers.enginefiles import EngineFiles, Started

DATA_ROOT_VARIABLE = "ASTROSHOP_DOCKER_DATA_ROOT"
DATA_ROOT = Path("/var/lib/astroshop/docker")
BRIDGE_ADDRESS = "10.78.0.1/24"  # the default bridge, on a subnet of the project's own
ADDRESS_POOL = {"base": "10.79.0.0/16", "size": 24}  # networks that compose creates
SHUTDOWN_TIMEOUT_S = 10  # how long dockerd gives a container to stop on its own


def data_root() -> Path:
    """Where the engine keeps images and containers: $ASTROSHOP_DOCKER_DATA_ROOT or the default."""
    return Path(os.environ.get(DATA_ROOT_VARIABLE) or DATA_ROOT)


def socket_of(host: str) -> str:
    """The unix socket path of `host`; EngineUnavailable for any other kind of address."""
    parsed = urlparse(host)
    if parsed.scheme != "unix":
        raise EngineUnavailable(f"DOCKER_HOST={host} answers nothing, and an engine can only be "
                                "started here on a unix socket (unset DOCKER_HOST)")
    return parsed.path


def daemon_config(files: EngineFiles, host: str) -> dict:
    """dockerd's whole configuration (the host's /etc/docker/daemon.json is not read)."""
    return {"hosts": [f"unix://{socket_of(host)}"], "data-root": str(data_root()),
            "pidfile": str(files.pid), "iptables": False, "ip-forward": False,
            "ip-masq": False, "bip": BRIDGE_ADDRESS, "default-address-pools": [ADDRESS_POOL],
            "shutdown-timeout": SHUTDOWN_TIMEOUT_S, "log-level": "warn"}


def launch(files: EngineFiles) -> psutil.Process:
    """Start dockerd with the written config, detached, its output in the log."""
    dockerd = shutil.which("dockerd")
    if dockerd is None:
        raise EngineUnavailable("dockerd is not installed; run scripts/bootstrap.sh "
                                "(it installs Debian's docker.io)")
    if os.geteuid() != 0:
        raise EngineUnavailable("starting dockerd needs root; run `astroshop engine up` as root")
    files.root.mkdir(parents=True, exist_ok=True)
    files.config.write_text(json.dumps(daemon_config(files, engine_host()), indent=2) + "\n")
    with files.log.open("ab") as log:
        process = subprocess.Popen([dockerd, "--config-file", str(files.config)],
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                   start_new_session=True)
    return psutil.Process(process.pid)


def recorded_process(started: Started) -> psutil.Process | None:
    """The dockerd that `started` names, if it still runs (the same pid AND start time)."""
    try:
        process = psutil.Process(started.pid)
        return process if process.create_time() == started.create_time else None
    except psutil.NoSuchProcess:
        return None


def terminate(process: psutil.Process, timeout: float) -> bool:
    """SIGTERM (dockerd stops its containers), then SIGKILL to it and its children if needed;
    True when it stopped on its own."""
    children = process.children(recursive=True)
    process.send_signal(signal.SIGTERM)
    _, alive = psutil.wait_procs([process], timeout=timeout)
    if not alive:
        return True
    for left in [process, *children]:
        if left.is_running():
            left.kill()
    psutil.wait_procs([process, *children], timeout=10)
    return False
