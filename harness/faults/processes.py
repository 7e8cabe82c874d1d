"""Process faults on a service's replicas: a crash, a freeze, and undoing them.

supervisord starts every program as the leader of its own process group. A replica is one
process (shop.common.serve), or a gunicorn master with its workers in that group when a service
has several workers: signalling only the master (supervisor's signalProcess) would leave the
workers serving, so signals go to the whole group of the pid supervisord reports; stopping and starting go through the Stack handle.
"""
from __future__ import annotations

import os
import signal
import xmlrpc.client

import psutil

from harness.faults.values import BadFaultInput
from harness.stack.replicas import DOWN_STATES
from harness.stack.runner import Stack


class ProcessFaultError(RuntimeError):
    """The process fault could not be applied; the message says why."""


def replica_names(stack: Stack, service: str, replica: int | None = None) -> list[str]:
    """The process names of a service's replicas (or of one replica)."""
    try:
        return stack.replicas(service, replica)
    except KeyError as exc:
        raise BadFaultInput(exc.args[0]) from exc


def pid_of(stack: Stack, name: str) -> int:
    """The pid of a running process, or an error naming its state."""
    try:
        info = stack.control().getProcessInfo(name)
    except xmlrpc.client.Fault as exc:
        raise ProcessFaultError(f"supervisord does not know {name}: {exc.faultString}") from exc
    if not info["pid"]:
        raise ProcessFaultError(f"{name} is not running (it is {info['statename']})")
    return info["pid"]


def signal_group(stack: Stack, names: list[str], sig: signal.Signals) -> list[str]:
    """Send `sig` to every process of each named replica (master and workers)."""
    for name in names:
        os.killpg(pid_of(stack, name), sig)
    return names


def kill(stack: Stack, names: list[str]) -> list[str]:
    """SIGKILL the replicas, as a crash would; supervisord starts them again."""
    return signal_group(stack, names, signal.SIGKILL)


def freeze(stack: Stack, names: list[str]) -> list[str]:
    """SIGSTOP the replicas: they keep their sockets but answer nothing."""
    return signal_group(stack, names, signal.SIGSTOP)


def thaw(stack: Stack, names: list[str]) -> list[str]:
    """SIGCONT the replicas."""
    return signal_group(stack, names, signal.SIGCONT)


def frozen(pid: int) -> bool:
    """Whether any process of the group led by `pid` is stopped by a signal."""
    try:
        group = [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]
        return any(process.status() == psutil.STATUS_STOPPED for process in group)
    except psutil.NoSuchProcess:
        return False


def disturbed(stack: Stack) -> dict[str, str]:
    """Service replicas that are frozen or down, by name: "frozen", or supervisord's state."""
    topology = stack.topology()
    services = {e.name for name in topology.names() for e in topology.endpoints(name)}
    found = {}
    for info in stack.control().getAllProcessInfo():
        if info["name"] not in services:
            continue
        if info["pid"] and frozen(info["pid"]):
            found[info["name"]] = "frozen"
        elif info["statename"] in DOWN_STATES:
            found[info["name"]] = info["statename"].lower()
    return found


def restore(stack: Stack, only: list[str] | None = None) -> list[str]:
    """Thaw frozen replicas and start stopped ones (all, or those in `only`); their names."""
    found = {name: how for name, how in disturbed(stack).items()
             if only is None or name in only}
    for name in [name for name, how in found.items() if how == "frozen"]:
        os.killpg(pid_of(stack, name), signal.SIGCONT)
    stack.start([name for name, how in found.items() if how != "frozen"])
    return list(found)
