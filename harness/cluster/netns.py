"""What the cluster leaves on the machine: namespaces, links, processes, keys. `down` uses it
to prove it left nothing behind; faults use it to pull a host's cable."""
from __future__ import annotations

import subprocess
import time
from pathlib import Path

import psutil

from harness.cluster.model import Cluster, Host
from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError


def namespace_exists(name: str) -> bool:
    """Whether the network namespace `name` exists."""
    return Path("/run/netns", name).exists()


def link_exists(name: str) -> bool:
    """Whether a network interface `name` exists in the root namespace."""
    return Path("/sys/class/net", name).exists()


def link_up(name: str) -> bool:
    """Whether interface `name` is administratively up."""
    flags = Path("/sys/class/net", name, "flags")
    return flags.exists() and bool(int(flags.read_text(), 16) & 0x1)


def set_link(name: str, up: bool) -> None:
    """Bring the root-side end of a host's cable up or down."""
    result = subprocess.run(["ip", "link", "set", name, "up" if up else "down"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise ClusterError(f"could not set {name} {'up' if up else 'down'}: {result.stderr.strip()}")


def namespace_pids(host: Host) -> list[int]:
    """Every process running inside the host's namespace."""
    if not namespace_exists(host.namespace):
        return []
    result = subprocess.run(["ip", "netns", "pids", host.namespace], capture_output=True,
                            text=True)
    return [int(pid) for pid in result.stdout.split()]


def snapshot(cluster: Cluster) -> list[tuple[int, float]]:
    """(pid, start time) of every process in the cluster's namespaces, to check after `down`."""
    found = []
    for host in cluster.hosts:
        for pid in namespace_pids(host):
            try:
                found.append((pid, psutil.Process(pid).create_time()))
            except psutil.NoSuchProcess:
                continue
    return found


def still_running(process: tuple[int, float]) -> bool:
    """Whether the process of a snapshot entry is still alive (and not a reused pid)."""
    try:
        found = psutil.Process(process[0])
        return found.create_time() == process[1] and found.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def survivors(processes: list[tuple[int, float]], grace: float = 15.0) -> list[int]:
    """The snapshot's processes still alive after up to `grace` seconds (killed ones need a moment)."""
    deadline = time.monotonic() + grace
    alive = [entry for entry in processes if still_running(entry)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [entry for entry in alive if still_running(entry)]
    return [pid for pid, _ in alive]


def processes_using(root: Path) -> list[psutil.Process]:
    """Live processes whose command line mentions `root` (the cluster's directory)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        if any(str(root) in part for part in process.info["cmdline"] or ()):
            found.append(process)
    return found


def leftovers(cluster: Cluster, paths: ClusterPaths,
              processes: list[tuple[int, float]]) -> list[str]:
    """Everything of `cluster` still on the machine; empty when `down` cleaned up fully."""
    found = [f"namespace {h.namespace}" for h in cluster.hosts if namespace_exists(h.namespace)]
    found += [f"link {h.namespace}" for h in cluster.hosts if link_exists(h.namespace)]
    if link_exists(cluster.settings.bridge):
        found.append(f"bridge {cluster.settings.bridge}")
    found += [f"process {pid}" for pid in survivors(processes)]
    found += [f"process {p.pid} ({' '.join(p.info['cmdline'][:3])})"
              for p in processes_using(paths.root)]
    found += [f"key {key}" for key in (Path(cluster.ssh_key), Path(cluster.ssh_key + ".pub"))
              if key.exists()]
    found += [f"host directory {h.host_dir}" for h in cluster.hosts if Path(h.host_dir).exists()]
    return found
