"""Process faults on a service's replicas, through the stack's supervisord.

supervisord starts every program as the leader of its own process group, and a replica is a
gunicorn master with its workers in that group. Signalling only the master (supervisor's
signalProcess) would leave the workers serving, so signals go to the whole group of the pid
supervisord reports; stopping and starting go through supervisord itself.
"""
from __future__ import annotations

import os
import signal
import xmlrpc.client

import psutil

from harness.faults.values import BadFaultInput
from harness.paths import RunPaths
from harness.stack import supervisor
from harness.model.topology import Topology

DOWN_STATES = ("STOPPED", "EXITED", "FATAL")  # BACKOFF: supervisord is starting it


class ProcessFaultError(RuntimeError):
    """The process fault could not be applied; the message says why."""


def replica_names(topology: Topology, service: str, replica: int | None = None) -> list[str]:
    """The process names of a service's replicas (or of one replica)."""
    try:
        endpoints = topology.endpoints(service)
    except KeyError as exc:
        raise BadFaultInput(exc.args[0]) from exc
    if replica is None:
        return [endpoint.name for endpoint in endpoints]
    if not 0 <= replica < len(endpoints):
        raise BadFaultInput(f"{service} has replicas 0 to {len(endpoints) - 1}, "
                                f"not {replica}")
    return [endpoints[replica].name]


def _supervisor(paths: RunPaths):
    """The supervisord XML-RPC namespace, or an error saying the stack is down."""
    if supervisor.supervisord_pid(paths) is None:
        raise ProcessFaultError(f"no stack is running from {paths.root}; start it with "
                                "`astroshop up`")
    return supervisor.rpc(paths).supervisor


def pid_of(paths: RunPaths, name: str) -> int:
    """The pid of a running process, or an error naming its state."""
    try:
        info = _supervisor(paths).getProcessInfo(name)
    except xmlrpc.client.Fault as exc:
        raise ProcessFaultError(f"supervisord does not know {name}: {exc.faultString}") from exc
    if not info["pid"]:
        raise ProcessFaultError(f"{name} is not running (it is {info['statename']})")
    return info["pid"]


def signal_group(paths: RunPaths, names: list[str], sig: signal.Signals) -> list[str]:
    """Send `sig` to every process of each named replica (master and workers)."""
    for name in names:
        os.killpg(pid_of(paths, name), sig)
    return names


def kill(paths: RunPaths, names: list[str]) -> list[str]:
    """SIGKILL the replicas, as a crash would; supervisord starts them again."""
    return signal_group(paths, names, signal.SIGKILL)


def freeze(paths: RunPaths, names: list[str]) -> list[str]:
    """SIGSTOP the replicas: they keep their sockets but answer nothing."""
    return signal_group(paths, names, signal.SIGSTOP)


def thaw(paths: RunPaths, names: list[str]) -> list[str]:
    """SIGCONT the replicas."""
    return signal_group(paths, names, signal.SIGCONT)


def stop(paths: RunPaths, names: list[str]) -> list[str]:
    """Stop the replicas through supervisord; they stay down until started again."""
    rpc = _supervisor(paths)
    for name in names:
        try:
            rpc.stopProcess(name, True)
        except xmlrpc.client.Fault as exc:
            raise ProcessFaultError(f"could not stop {name}: {exc.faultString}") from exc
    return names


def frozen(pid: int) -> bool:
    """Whether any process of the group led by `pid` is stopped by a signal."""
    try:
        group = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        return any(process.status() == psutil.STATUS_STOPPED for process in group)
    except psutil.NoSuchProcess:
        return False


def disturbed(paths: RunPaths, topology: Topology) -> dict[str, str]:
    """Service replicas that are frozen or down, by name: "frozen", or supervisord's state."""
    services = {e.name for name in topology.names() for e in topology.endpoints(name)}
    found = {}
    for info in _supervisor(paths).getAllProcessInfo():
        if info["name"] not in services:
            continue
        if info["pid"] and frozen(info["pid"]):
            found[info["name"]] = "frozen"
        elif info["statename"] in DOWN_STATES:
            found[info["name"]] = info["statename"].lower()
    return found


def restore(paths: RunPaths, topology: Topology, only: list[str] | None = None) -> list[str]:
    """Thaw frozen replicas and start stopped ones (all, or those in `only`); their names."""
    rpc = _supervisor(paths)
    restored = []
    for name, how in disturbed(paths, topology).items():
        if only is not None and name not in only:
            continue
        if how == "frozen":
            os.killpg(pid_of(paths, name), signal.SIGCONT)
        else:
            try:
                rpc.startProcess(name, True)
            except xmlrpc.client.Fault as exc:
                raise ProcessFaultError(f"could not start {name}: {exc.faultString}; see "
                                        f"`astroshop logs {name}`") from exc
        restored.append(name)
    return restored
