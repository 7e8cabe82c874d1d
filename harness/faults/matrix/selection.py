"""Which fault scenarios a pytest run takes, and how long the chosen faults may need.

The fault scenarios run only when a run asks for them by marker (`-m fault`, as `astroshop
fault matrix` does), never inside whole-suite runs such as `astroshop bdd`: they take the
local stack over for minutes. ASTROSHOP_MATRIX_FAULTS narrows them to some faults.
"""
from __future__ import annotations

import re

import pytest

from harness.faults.catalogue import FAULTS
from harness.faults.matrix import background

EXAMPLE = "_pytest_bdd_example"  # where pytest-bdd keeps a scenario outline's example row
MARKER = "fault"
SESSION_MARGIN_S = 600


def fault_of(item: pytest.Item) -> str | None:
    """The fault a collected scenario example is about."""
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(EXAMPLE, {}).get("fault") if callspec else None


def split(items: list[pytest.Item], markexpr: str,
          only: list[str] | None) -> tuple[list[pytest.Item], list[pytest.Item]]:
    """(kept, dropped): fault scenarios only under a -m naming `fault`, only the asked ones."""
    asked = MARKER in re.findall(r"\w+", markexpr or "")
    keep, drop = [], []
    for item in items:
        if item.get_closest_marker(MARKER) is None:
            keep.append(item)
        elif asked and (only is None or fault_of(item) in only):
            keep.append(item)
        else:
            drop.append(item)
    return keep, drop


def planned_seconds(names: list[str] | None) -> float:
    """The background load's length: what the chosen faults may take at most, plus a margin
    (at most the longest load the matrix runs)."""
    chosen = [f for f in FAULTS if names is None or f.name in names]
    worst = sum(f.detect_within_s + 2 * f.recover_within_s for f in chosen) + SESSION_MARGIN_S
    return min(worst, background.MAX_SECONDS)
