"""Commands on a host over real SSH (the cluster key, the host's own known host key), and
inside a host's network namespace from the root namespace."""
from __future__ import annotations

import subprocess
from pathlib import Path

from harness.cluster.model import Cluster, Host
from harness.cluster.tools import ClusterError

SSH_TIMEOUT_S = 5


def ssh_argv(cluster: Cluster, host: Host) -> list[str]:
    """ssh to root@host with the cluster key, checking the host key Terraform recorded."""
    known_hosts = Path(cluster.ssh_key).parent / "known_hosts.d" / host.name
    return ["ssh", "-i", cluster.ssh_key, "-o", f"UserKnownHostsFile={known_hosts}",
            "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
            "-o", f"ConnectTimeout={SSH_TIMEOUT_S}", "-o", "ControlMaster=no",
            f"root@{host.address}"]


def ssh(cluster: Cluster, host: Host, argv: list[str], timeout: float = 60,
        check: bool = True) -> subprocess.CompletedProcess:
    """Run `argv` on `host` over SSH; a ClusterError when it fails and `check`."""
    try:
        result = subprocess.run([*ssh_argv(cluster, host), "--", *argv], capture_output=True,
                                text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise ClusterError(f"{host.name}: `{' '.join(argv)}` over SSH took over {timeout:.0f}s") from exc
    if check and result.returncode != 0:
        raise ClusterError(f"{host.name}: `{' '.join(argv)}` failed over SSH "
                           f"(exit {result.returncode}): {result.stderr.strip()[-300:]}")
    return result


def in_namespace(host: Host, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
    """Run `argv` inside the host's network namespace (root only), for link-level work."""
    result = subprocess.run(["ip", "netns", "exec", host.namespace, *argv], capture_output=True,
                            text=True)
    if check and result.returncode != 0:
        raise ClusterError(f"{host.name}: `{' '.join(argv)}` failed in {host.namespace}: "
                           f"{result.stderr.strip()[-300:]}")
    return result
