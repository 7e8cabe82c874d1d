"""Memory and CPU budgets of every container, from the RSS and CPU measured on a real local
stack.

The figures are in measured-rss.json and measured-cpu.json beside this module, with how they
were measured.
Requests are the measured RSS plus a quarter; limits are twice the RSS (Kubernetes base and
compose) or one and a half times it (the `local` overlay's small limits), with a floor for
the stores whose memory grows with their data. A component not measured yet (a new service)
is budgeted as if its RSS were UNMEASURED_RSS_MB, with a warning: measurements are an input,
never a requirement.
"""
from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

MEASURED = Path(__file__).with_name("measured-rss.json")
MEASURED_CPU = Path(__file__).with_name("measured-cpu.json")
REQUEST_FACTOR = 1.25
LIMIT_FACTOR = 2.0
SMALL_LIMIT_FACTOR = 1.5
CPU = {  # component -> (request, limit) in millicores
    "envoy": (100, 1000), "prometheus": (100, 500), "postgres": (100, 1000),
    "redis": (50, 250),
}
SERVICE_CPU = (50, 500)
# Components whose memory grows with their data (series, carts), not with code: a floor under
# the limit, since a short measurement cannot show that growth.
LIMIT_FLOOR_MI = {"prometheus": 512, "redis": 128}
# The RSS assumed for a component with no measurement: a service's own memory budget.
UNMEASURED_RSS_MB = 128.0
# A service's CPU: the request is the smoke load's measured millicores plus a quarter (never
# under the floor); its autoscaler adds pods when the average pod works HPA_LOAD_FACTOR times as
# hard as under the smoke load. Unmeasured: as if it used UNMEASURED_CPU_M.
CPU_REQUEST_FLOOR_M = 20
HPA_LOAD_FACTOR = 3.0
HPA_FLOOR_M = 30
UNMEASURED_CPU_M = 50.0


class UnmeasuredComponent(UserWarning):
    """A component has no measured RSS; its budget comes from UNMEASURED_RSS_MB."""


@dataclass(frozen=True)
class Budget:
    """What one container asks for and may use."""

    memory_request_mi: int
    memory_limit_mi: int
    cpu_request_m: int
    cpu_limit_m: int

    def resources(self) -> dict:
        """A Kubernetes `resources` block."""
        return {"requests": {"cpu": f"{self.cpu_request_m}m",
                             "memory": f"{self.memory_request_mi}Mi"},
                "limits": {"cpu": f"{self.cpu_limit_m}m", "memory": f"{self.memory_limit_mi}Mi"}}


def measured_rss_mb() -> dict[str, float]:
    """The measured RSS of every component, in MB."""
    return json.loads(MEASURED.read_text())["rss_mb"]


def round_up(value: float, step: int) -> int:
    """`value` rounded up to a multiple of `step`."""
    return int(math.ceil(value / step) * step)


def rss_mb(component: str) -> float:
    """The measured RSS of `component`, or UNMEASURED_RSS_MB with an UnmeasuredComponent warning."""
    rss = measured_rss_mb().get(component)
    if rss is None:
        warnings.warn(f"no measured RSS for {component!r} in {MEASURED.name}: budgeted as "
                      f"{UNMEASURED_RSS_MB:g} MB; measure it with `astroshop status --json` on "
                      "a running stack and add it", UnmeasuredComponent, stacklevel=3)
        return UNMEASURED_RSS_MB
    return rss


def measured_cpu_m(component: str) -> float:
    """The millicores `component` used under the smoke load, or UNMEASURED_CPU_M with an
    UnmeasuredComponent warning."""
    found = json.loads(MEASURED_CPU.read_text())["millicores"].get(component)
    if found is None:
        warnings.warn(f"no measured CPU for {component!r} in {MEASURED_CPU.name}: budgeted as "
                      f"{UNMEASURED_CPU_M:g}m; measure it under `astroshop load --profile "
                      "smoke` on a running stack and add it", UnmeasuredComponent, stacklevel=3)
        return UNMEASURED_CPU_M
    return found


def hpa_target_m(component: str) -> int:
    """The average millicores per pod above which the autoscaler adds a pod."""
    return max(HPA_FLOOR_M, round_up(measured_cpu_m(component) * HPA_LOAD_FACTOR, 5))


def budget(component: str, small: bool = False) -> Budget:
    """The budget of `component` (a service, envoy, prometheus, postgres or redis)."""
    rss = rss_mb(component)
    limit = round_up(rss * (SMALL_LIMIT_FACTOR if small else LIMIT_FACTOR), 16)
    limit = max(limit, LIMIT_FLOOR_MI.get(component, 0))
    if component in CPU:
        cpu_request, cpu_limit = CPU[component]
    else:
        cpu_request = max(CPU_REQUEST_FLOOR_M,
                          round_up(measured_cpu_m(component) * REQUEST_FACTOR, 5))
        cpu_limit = SERVICE_CPU[1]
    return Budget(round_up(rss * REQUEST_FACTOR, 8), limit, cpu_request, cpu_limit)
