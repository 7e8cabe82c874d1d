"""The fault catalogue: every fault the detection matrix injects, and what must catch it.

Each fault says how `astroshop fault` injects and clears it, its kind, and the signal that
must notice it: an objective of slo/*.yaml that the gate fails on ("gate"), or whose
short-window burn-rate alert fires ("alert"), within `detect_within_s`.
"""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("flag", "network", "process")
VIA = ("gate", "alert")
CLEAR_ALL = ("clear", "--all")


@dataclass(frozen=True)
class Fault:
    """One injectable fault and the signal expected to detect it."""

    name: str
    kind: str
    inject: tuple[str, ...]  # arguments of `astroshop fault`
    objective: str
    via: str
    detect_within_s: int = 120
    recover_within_s: int = 180  # from the clearing to a passing gate (and the alert resolved)
    clear: tuple[str, ...] = CLEAR_ALL
    fast: bool = False  # part of the quick subset that every `make test` runs


def flag(name: str, value: str, objective: str, via: str = "gate", **extra) -> Fault:
    """A fault injected by serving a flag variant."""
    return Fault(name, "flag", ("set", name, value), objective, via, **extra)


# Latency variants stay under the callee's per-try timeout (a third of its route timeout):
# beyond it a slow service is a down one, and the gate cannot even fetch its test data.
# Envoy retries a failed checkout twice at the edge, so an abort must hit most payment calls
# to fail a checkout often enough for the fastest burn alert.
FAULTS: tuple[Fault, ...] = (
    flag("catalogFailure", "on", "catalog-availability"),
    flag("catalogLatency", "200ms", "storefront-latency"),
    flag("cartFailure", "25%", "cart-availability", "alert"),
    flag("cartStoreDown", "on", "cart-availability"),
    flag("paymentFailure", "50%", "payment-availability", "alert", fast=True),
    flag("paymentDecline", "on", "checkout-conversion"),
    flag("paymentUnreachable", "on", "checkout-success"),
    flag("currencyLatency", "250ms", "storefront-latency"),
    flag("shippingInternationalSlow", "on", "checkout-success"),
    flag("recommendationCacheLeak", "fast", "memory-budget", "alert", detect_within_s=300),
    flag("adsFailure", "on", "ads-availability"),
    flag("emailMemoryLeak", "fast", "memory-budget", "alert", detect_within_s=300),
    flag("homepageFlood", "heavy", "storefront-latency"),
    Fault("catalogDelay", "network", ("delay", "catalog", "400"), "storefront-latency", "gate",
          fast=True),
    Fault("paymentAbort", "network", ("abort", "payment", "503", "--percent", "75"),
          "checkout-success", "alert"),
    Fault("cartKilled", "process", ("kill", "cart", "--stay-down"), "edge-availability",
          "alert", fast=True),
    Fault("currencyFrozen", "process", ("freeze", "currency"), "checkout-success", "alert"),
)


def by_name(name: str) -> Fault:
    """The fault called `name`, or a KeyError naming the known ones."""
    for fault in FAULTS:
        if fault.name == name:
            return fault
    raise KeyError(f"unknown fault {name!r}; known: {', '.join(f.name for f in FAULTS)}")


def fast_subset() -> list[Fault]:
    """The quick subset: at least one fault of every kind."""
    return [fault for fault in FAULTS if fault.fast]
