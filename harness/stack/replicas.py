"""Stopping and starting a stack's replicas: the one way, through the stack's supervisord.

A stop waits until the replica is down and leaves it down (supervisord does not restart a
stopped program); a start waits until it runs. A replica already in the asked state is left
as it is and not counted, so an outage can be undone by starting exactly what it stopped.
"""
from __future__ import annotations

import xmlrpc.client

from harness.model.topology import Topology

DOWN_STATES = ("STOPPED", "EXITED", "FATAL")  # BACKOFF: supervisord is starting it


class ReplicaError(RuntimeError):
    """supervisord refused to stop or start a replica; the message says why."""


def names(topology: Topology, service: str, replica: int | None = None) -> list[str]:
    """The process names of a service's replicas (or of one); KeyError naming what is known."""
    endpoints = topology.endpoints(service)
    if replica is None:
        return [endpoint.name for endpoint in endpoints]
    if not 0 <= replica < len(endpoints):
        raise KeyError(f"{service} has replicas 0 to {len(endpoints) - 1}, not {replica}")
    return [endpoints[replica].name]


def each(action, names: list[str], already: str, verb: str) -> list[str]:
    """Call supervisord's `action` (waiting) on every name; those it acted on. A name whose
    fault is `already` (NOT_RUNNING, ALREADY_STARTED) is left out; another fault is raised."""
    done = []
    for name in names:
        try:
            action(name, True)
        except xmlrpc.client.Fault as fault:
            if already in fault.faultString:
                continue
            raise ReplicaError(f"could not {verb} {name}: {fault.faultString}; see "
                               f"`astroshop logs {name}`") from fault
        done.append(name)
    return done


def stop(control, names: list[str]) -> list[str]:
    """Stop every running replica of `names` through supervisord's `control`; those stopped."""
    return each(control.stopProcess, names, "NOT_RUNNING", "stop")


def start(control, names: list[str]) -> list[str]:
    """Start every replica of `names` that is not running; those started."""
    return each(control.startProcess, names, "ALREADY_STARTED", "start")
