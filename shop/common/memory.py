"""The memory budget check: at every scrape, is this process within its memory budget?

Each /metrics request counts one check, `within` or `over`, of the resident memory of the
process answering it against the service's budget (ASTROSHOP_MEMORY_BUDGET_MB, the topology's
`memory_mb`). The share of `within` checks is the memory-budget objective's SLI (a time
slice: one event per scrape), so a leak shows up as a burn of that objective's budget.
"""
from __future__ import annotations

import resource

from prometheus_client import Counter

from shop.common.config import ConfigError

CHECKS = Counter("astroshop_memory_budget_checks_total",
                 "Scrapes that found the process within or over its memory budget",
                 ["service", "result"])
RESULTS = ("within", "over")
STATM = "/proc/self/statm"


def resident_bytes(statm: str = STATM) -> int:
    """This process's resident set size, from the kernel's /proc/self/statm."""
    with open(statm, encoding="ascii") as fh:
        pages = int(fh.read().split()[1])
    return pages * resource.getpagesize()


def budget_bytes(config: dict) -> int:
    """The budget in bytes from MEMORY_BUDGET_MB, naming the variable when it is wrong."""
    value = config.get("MEMORY_BUDGET_MB")
    try:
        megabytes = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"ASTROSHOP_MEMORY_BUDGET_MB must be a number of MiB, got "
                          f"{value!r}") from exc
    if megabytes <= 0:
        raise ConfigError(f"ASTROSHOP_MEMORY_BUDGET_MB must be above 0, got {value!r}")
    return int(megabytes * 2**20)


def declare(service: str) -> None:
    """Create both series at zero, so rate() sees the first check that is over."""
    for result in RESULTS:
        CHECKS.labels(service, result)


def check(service: str, budget: int, rss: int | None = None) -> str:
    """Count one check of the resident memory against `budget`; "within" or "over"."""
    result = "within" if (resident_bytes() if rss is None else rss) <= budget else "over"
    CHECKS.labels(service, result).inc()
    return result
