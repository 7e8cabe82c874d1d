"""The bench's breakpoint: the breakpoint gate profile, fitted into a bounded time, against the
bench's own stack; the most users a stage held, reported against the load held before issue 18.

The gate judges each stage from Prometheus (harness/gate/breakpoint.py; the command runs it);
the bench keeps the stage that held last, the first that broke after it, and the gate's run.
"""
from __future__ import annotations

from harness.bench.targets import BASELINE_USERS
from harness.load.settings import LoadSettings

PEAK_USERS = 3 * BASELINE_USERS  # the ramp's last stage: three times what held before


def settings(seconds: float, peak_users: int = PEAK_USERS) -> LoadSettings:
    """The breakpoint profile's ramp up to `peak_users`, fitted into `seconds`."""
    return LoadSettings("breakpoint", duration_s=seconds, users=peak_users)


def summary(run_id: str, seconds: float, found: dict | None) -> dict:
    """bench.json's breakpoint: users and edge requests/s of the stage that held last, the
    users of the one that broke, against BASELINE_USERS; zero users when none held."""
    held = (found or {}).get("held") or {}
    broke = (found or {}).get("broke") or {}
    return {"gate_run": run_id, "seconds": seconds, "baseline_users": BASELINE_USERS,
            "held_users": held.get("users", 0),
            "held_requests_per_s": round(held.get("requests/s", 0.0), 1),
            "broke_users": broke.get("users"), "broke_on": broke.get("failed", []),
            "stopped_early": (found or {}).get("stopped_early", "")}
