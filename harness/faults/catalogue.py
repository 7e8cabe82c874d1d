"""The fault catalogue: every fault the detection matrix injects, and what must catch it.

Each fault says how `astroshop fault` injects and clears it, its kind, and the signal that
must notice it: an objective of slo/*.yaml that the gate fails on ("gate"), or whose
short-window burn-rate alert fires ("alert"), within `detect_within_s`. A flag fault also
defines its flag. The flag file (harness/faults/flags.json) and the Examples of
features/faults/*.feature are generated from this catalogue (harness/faults/derived.py,
`astroshop fault generate`): adding a fault is one entry here.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

KINDS = ("flag", "network", "process")
VIA = ("gate", "alert")
CLEAR_ALL = ("clear", "--all")
OFF_VALUES = {"bool": False, "product": ""}  # any other unit is off at 0


@dataclass(frozen=True)
class Flag:
    """A flagd flag: the service that reads it, the unit of its values, what it does, and its
    variants besides `off` (whose value follows from the unit)."""

    service: str
    unit: str
    description: str
    variants: Mapping[str, object] = field(default_factory=dict)

    def all_variants(self) -> dict[str, object]:
        """`off` first, then the others, as the flag file lists them."""
        return {"off": OFF_VALUES.get(self.unit, 0), **self.variants}


@dataclass(frozen=True)
class Fault:
    """One injectable fault and the signal expected to detect it."""

    name: str
    kind: str
    inject: tuple[str, ...]  # arguments of `astroshop fault`
    objective: str
    via: str
    detect_within_s: int = 120
    recover_within_s: int = 180  # from the clearing to a passing gate (and pages resolved)
    clear: tuple[str, ...] = CLEAR_ALL
    fast: bool = False  # part of the quick subset that every `make test` runs
    definition: Flag | None = None  # the flag of a flag fault


def flag(name: str, value: str, objective: str, definition: Flag, via: str = "gate",
         **extra) -> Fault:
    """A fault injected by serving a variant of the flag it defines."""
    return Fault(name, "flag", ("set", name, value), objective, via, definition=definition,
                 **extra)


RATIOS = {"10%": 0.1, "25%": 0.25, "50%": 0.5, "on": 1}
ON = {"on": True}


# Latency variants stay under the callee's per-try timeout (a third of its route timeout):
# beyond it a slow service is a down one, and the gate cannot even fetch its test data.
# Envoy retries a failed checkout twice at the edge, so an abort must hit most payment calls
# to fail a checkout often enough for the fastest burn alert.
FAULTS: tuple[Fault, ...] = (
    flag("catalogFailure", "on", "catalog-availability", Flag(
        "catalog", "product", "Lookups of one product (the variant's product id) fail with a "
        "500 in the catalog.", {"on": "dobsonian-8"})),
    flag("catalogLatency", "200ms", "storefront-latency", Flag(
        "catalog", "ms", "Every catalog request is delayed by the variant's milliseconds.",
        {"200ms": 200, "on": 600, "2s": 2000})),
    flag("cartFailure", "25%", "cart-availability", Flag(
        "cart", "ratio", "A share of cart operations (reads and writes) fail with a 500.",
        RATIOS), "alert"),
    flag("cartStoreDown", "on", "cart-availability", Flag(
        "cart", "bool", "The cart's store is unreachable: every cart operation answers 503.",
        ON)),
    flag("paymentFailure", "50%", "payment-availability", Flag(
        "payment", "ratio", "A share of card charges fail with a 500 before anything is "
        "charged.", RATIOS), "alert", fast=True),
    flag("paymentDecline", "on", "checkout-conversion", Flag(
        "payment", "bool", "Every card charge is declined by the issuer (402), as for a "
        "declined card.", ON)),
    flag("paymentUnreachable", "on", "checkout-success", Flag(
        "checkout", "bool", "Checkout sends its charges to a fixed dead address (127.0.0.1:1, "
        "inside the code) instead of Envoy's mesh, so payment never answers.", ON)),
    flag("currencyLatency", "250ms", "storefront-latency", Flag(
        "currency", "ms", "Every currency request (lists and conversions) is delayed by the "
        "variant's milliseconds.", {"100ms": 100, "on": 400, "1s": 1000})),
    flag("shippingInternationalSlow", "on", "checkout-success", Flag(
        "shipping", "ms", "Quotes and shipments to addresses outside the US are delayed by "
        "the variant's milliseconds.", {"500ms": 500, "on": 2000})),
    flag("recommendationCacheLeak", "fast", "memory-budget", Flag(
        "recommendation", "KiB", "The recommendation cache never lets go: each lookup keeps "
        "the variant's KiB more (capped at 256 MiB a process).", {"on": 256, "fast": 2048}),
         "alert", detect_within_s=300),
    flag("adsFailure", "on", "ads-availability", Flag(
        "ads", "bool", "Every ads request fails with a 500 (the storefront hides the ad).",
        ON)),
    flag("emailMemoryLeak", "fast", "memory-budget", Flag(
        "email", "KiB", "Each order confirmation keeps the variant's KiB of memory that is "
        "never freed (capped at 256 MiB a process).", {"on": 1024, "fast": 8192}),
         "alert", detect_within_s=300),
    flag("accountsFailure", "50%", "signin-success", Flag(
        "accounts", "ratio", "A share of sign-ins fail with a 500 in the accounts service "
        "(before any password is checked).", RATIOS)),
    flag("homepageFlood", "heavy", "storefront-latency", Flag(
        "load", "requests", "The load generator's users each send the variant's number of "
        "extra home-page requests per task.", {"on": 10, "heavy": 50})),
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
