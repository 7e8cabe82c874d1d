"""Network faults on the mesh routes: Envoy's fault filter, driven live through its runtime.

Each service's mesh virtual host reads the runtime keys of `harness.envoy.filters.fault_keys()`;
POST /runtime_modify on the admin (its Unix socket, harness/envoy/admin.py) sets them in the
admin layer, and setting them back to `fault_defaults()` turns the fault off. Calls from the
edge are not affected.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from harness.envoy.admin import EnvoyAdminError as EnvoyFaultError
from harness.envoy.admin import host_health
from harness.envoy.clusters import is_canary
from harness.envoy.filters import fault_defaults, fault_keys
from harness.faults.values import BadFaultInput
from harness.model.topology import Topology
from harness.stack.runner import Stack

MAX_DELAY_MS = 60_000


@dataclass(frozen=True)
class NetworkFault:
    """One active fault on calls to a service."""

    service: str
    kind: str  # "delay" or "abort"
    percent: int
    amount: int  # delay milliseconds or abort status

    def shown(self) -> str:
        """`delay 500 ms on 50% of calls to catalog`."""
        what = f"delay {self.amount} ms" if self.kind == "delay" else f"abort {self.amount}"
        return f"{what} on {self.percent}% of calls to {self.service}"


def admin(stack: Stack, method: str, path: str, **params) -> str:
    """Call the stack's Envoy admin and return the body, with an error that says what to check."""
    return stack.envoy_admin().call(method, path, **params)


def checked(topology: Topology, service: str, percent: int) -> str:
    """The service name, known to the topology, with a percentage of 0 to 100."""
    try:
        topology.service(service)
    except KeyError as exc:
        raise BadFaultInput(exc.args[0]) from exc
    if not 0 <= percent <= 100:
        raise BadFaultInput(f"--percent is 0 to 100, got {percent}")
    return service


def delay(stack: Stack, service: str, ms: int, percent: int = 100) -> NetworkFault:
    """Delay `percent`% of mesh calls to `service` by `ms` milliseconds."""
    if not 1 <= ms <= MAX_DELAY_MS:
        raise BadFaultInput(f"the delay is 1 to {MAX_DELAY_MS} ms, got {ms}")
    keys = fault_keys(checked(stack.topology(), service, percent))
    admin(stack, "POST", "/runtime_modify",
          **{keys["delay_ms"]: ms, keys["delay_percent"]: percent})
    return NetworkFault(service, "delay", percent, ms)


def abort(stack: Stack, service: str, status: int, percent: int = 100) -> NetworkFault:
    """Answer `percent`% of mesh calls to `service` with HTTP `status` instead of calling it."""
    if not 400 <= status <= 599:
        raise BadFaultInput(f"the abort status is an HTTP error, 400 to 599, got {status}")
    keys = fault_keys(checked(stack.topology(), service, percent))
    admin(stack, "POST", "/runtime_modify",
          **{keys["abort_status"]: status, keys["abort_percent"]: percent})
    return NetworkFault(service, "abort", percent, status)


def clear(stack: Stack, service: str | None = None) -> None:
    """Turn the delay and abort of one service (or of every service) off."""
    topology = stack.topology()
    names = [checked(topology, service, 0)] if service else topology.names()
    values: dict[str, int] = {}
    for name in names:
        values.update(fault_defaults(name))
    admin(stack, "POST", "/runtime_modify", **values)


def active(stack: Stack) -> list[NetworkFault]:
    """Every delay or abort now served to a non-zero share of calls."""
    topology = stack.topology()
    entries = json.loads(admin(stack, "GET", "/runtime")).get("entries", {})

    def number(key: str) -> int:
        """The runtime value of `key` as a whole number (0 when unset)."""
        return int(float(entries.get(key, {}).get("final_value") or 0))

    found = []
    for name in topology.names():
        keys = fault_keys(name)
        if number(keys["delay_percent"]):
            found.append(NetworkFault(name, "delay", number(keys["delay_percent"]),
                                      number(keys["delay_ms"])))
        if number(keys["abort_percent"]):
            found.append(NetworkFault(name, "abort", number(keys["abort_percent"]),
                                      number(keys["abort_status"])))
    return found


def unhealthy_hosts(stack: Stack) -> list[str]:
    """Upstream hosts Envoy will not send to now (failed health check or ejected outlier);
    canary clusters are left out (their replicas run only during a release)."""
    return [f"{cluster}@{address}" for cluster, hosts in host_health(stack.envoy_admin()).items()
            if not is_canary(cluster) for address, healthy in hosts if not healthy]
