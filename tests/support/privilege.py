"""Suites that need root (the cluster, a Docker engine's dockerd) run as root or not at all:
without root a run fails with what to do, unless the suite was skipped on purpose by its
variable (ASTROSHOP_SKIP_CLUSTER=1, ASTROSHOP_SKIP_ENGINE=1); never a silent skip.
`make test` runs them as root through scripts/as-root.sh (passwordless sudo)."""
from __future__ import annotations

import os

import pytest


def require_root(items: list[pytest.Item], variable: str, what: str) -> None:
    """Let `items` run as root; skip them, saying so, when `variable` is 1; else stop the run."""
    if os.geteuid() == 0 or not items:
        return
    if os.environ.get(variable) == "1":
        for item in items:
            item.add_marker(pytest.mark.skip(reason=f"{what}; skipped on request ({variable}=1)"))
        return
    raise pytest.UsageError(f"{what}: run as root (`make test` uses passwordless sudo) or skip "
                            f"this suite on purpose with {variable}=1")
