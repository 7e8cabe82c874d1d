"""A service's traffic split between its stable and canary clusters, set live through
Envoy's runtime (weighted clusters, runtime keys of harness/envoy/routes.weight_keys)."""
from __future__ import annotations

from harness.envoy.admin import EnvoyAdmin, host_health, runtime, runtime_modify
from harness.envoy.clusters import canary_name
from harness.envoy.routes import weight_keys


def shift(admin: EnvoyAdmin, service: str, canary_percent: int) -> None:
    """Send `canary_percent` of the service's requests to its canary, the rest to stable
    (both keys in one runtime call, so no request sees a split that sums to nothing)."""
    if not 0 <= canary_percent <= 100:
        raise ValueError(f"a canary weight is 0 to 100, got {canary_percent}")
    keys = weight_keys(service)
    runtime_modify(admin, {keys["stable"]: 100 - canary_percent,
                              keys["canary"]: canary_percent})


def canary_share(admin: EnvoyAdmin, service: str) -> int:
    """The canary's share now, percent (0 when the runtime was never changed)."""
    values, keys = runtime(admin), weight_keys(service)
    stable = float(values.get(keys["stable"]) or 100)
    canary = float(values.get(keys["canary"]) or 0)
    return round(100 * canary / (stable + canary)) if stable + canary else 0


def healthy(admin: EnvoyAdmin, service: str, canary: bool) -> bool:
    """Whether Envoy would send to every replica of the stable (or canary) cluster now."""
    hosts = host_health(admin).get(canary_name(service) if canary else service, [])
    return bool(hosts) and all(ok for _, ok in hosts)
