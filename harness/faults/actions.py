"""What the `astroshop fault` commands (and the detection matrix) do to one stack."""
from __future__ import annotations

from dataclasses import asdict, dataclass

from harness.faults import envoy, flagfile, processes
from harness.faults.values import BadFaultInput
from harness.paths import RunPaths
from harness.stack import supervisor
from harness.stack.options import StackOptions
from harness.model.topology import Topology


@dataclass(frozen=True)
class Target:
    """A run directory and the topology its stack was started with."""

    paths: RunPaths
    topology: Topology

    @classmethod
    def default(cls) -> Target:
        """The stack of $ASTROSHOP_RUN_DIR (or ./run)."""
        paths = RunPaths.default()
        return cls(paths, StackOptions.load(paths).topology())

    @property
    def flag_file(self):
        """The live flag file every service of this stack reads."""
        return flagfile.live_path(self.paths)

    def running(self) -> bool:
        """Whether the stack's supervisord is alive."""
        return supervisor.supervisord_pid(self.paths) is not None


def snapshot(target: Target) -> dict:
    """Every flag with its value, and the network and process faults active now."""
    path = target.flag_file if target.flag_file.exists() else flagfile.DEFAULTS
    flags = [asdict(state) | {"shown": state.shown()} for state in flagfile.states(path)]
    network, broken = [], {}
    if target.running():
        network = [asdict(fault) | {"shown": fault.shown()}
                   for fault in envoy.active(target.topology)]
        broken = processes.disturbed(target.paths, target.topology)
    return {"running": target.running(), "flag_file": str(path), "flags": flags,
            "network": network, "processes": broken}


def clear_one(target: Target, name: str) -> list[str]:
    """Clear flag `name`, or every network and process fault of service `name`."""
    flags = {state.name for state in flagfile.states(target.flag_file)}
    if name in flags:
        state = flagfile.clear_flag(target.flag_file, name)
        return [f"{name} = {state.shown()}"]
    if name not in target.topology.names():
        raise BadFaultInput(f"{name!r} is neither a flag ({', '.join(sorted(flags))}) nor a "
                            f"service ({', '.join(target.topology.names())})")
    envoy.clear(target.topology, name)
    names = processes.replica_names(target.topology, name)
    restored = processes.restore(target.paths, target.topology, only=names)
    return [f"network faults on {name} cleared", *(f"{n} restored" for n in restored)]


def clear_all(target: Target) -> list[str]:
    """Every flag back to its default, every network fault off, every replica running."""
    flagfile.install_defaults(target.flag_file)
    done = ["flags reset to the defaults"]
    if target.running():
        envoy.clear(target.topology)
        done.append("network faults cleared on every service")
        done += [f"{name} restored" for name in processes.restore(target.paths, target.topology)]
    return done
