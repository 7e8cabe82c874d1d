"""What the `astroshop fault` commands (and the detection matrix) do to one stack."""
from __future__ import annotations

from dataclasses import asdict

from harness.faults import envoy, flagfile
from harness.faults.control import compose_project, replicas_of
from harness.faults.values import BadFaultInput
from harness.flags import install_defaults
from harness.stack.runner import Stack


def snapshot(stack: Stack) -> dict:
    """Every flag with its value, and the network and process faults active now."""
    live = stack.paths.flags
    path = live if live.exists() else flagfile.DEFAULTS
    flags = [asdict(state) | {"shown": state.shown()} for state in flagfile.states(path)]
    network, broken = [], {}
    if stack.running():
        network = [asdict(fault) | {"shown": fault.shown()}
                   for fault in envoy.active(stack.topology())]
    if stack.running() or compose_project(stack):
        broken = replicas_of(stack).disturbed()
    return {"running": stack.running(), "flag_file": str(path), "flags": flags,
            "network": network, "processes": broken}


def clear_one(stack: Stack, name: str) -> list[str]:
    """Clear flag `name`, or every network and process fault of service `name`."""
    live = stack.paths.flags
    flags = {state.name for state in flagfile.states(live if live.exists() else
                                                       flagfile.DEFAULTS)}
    if name in flags:
        state = flagfile.clear_flag(stack.paths.flags, name)
        return [f"{name} = {state.shown()}"]
    topology = stack.topology()
    if name not in topology.names():
        raise BadFaultInput(f"{name!r} is neither a flag ({', '.join(sorted(flags))}) nor a "
                            f"service ({', '.join(topology.names())})")
    replicas = replicas_of(stack)
    restored = replicas.restore(only=replicas.names(name))
    if compose_project(stack):  # the containers' Envoy takes no runtime faults from here
        return [f"{n} restored" for n in restored] or [f"nothing to restore on {name}"]
    envoy.clear(topology, name)
    return [f"network faults on {name} cleared", *(f"{n} restored" for n in restored)]


def clear_all(stack: Stack) -> list[str]:
    """Every flag back to its default, every network fault off, every replica running."""
    install_defaults(stack.paths.flags)
    done = ["flags reset to the defaults"]
    if stack.running():
        envoy.clear(stack.topology())
        done.append("network faults cleared on every service")
    if stack.running() or compose_project(stack):
        done += [f"{name} restored" for name in replicas_of(stack).restore()]
    return done
