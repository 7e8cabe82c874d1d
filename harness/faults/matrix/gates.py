"""Short gates for the matrix: `astroshop gate` as a person runs it, its reports kept.

A matrix gate is the smoke profile fitted into `duration_s` seconds with `users` users, on
top of the background load; Prometheus counts both, so every objective has enough events.
A gate *passed* only when it exited 0 and every objective it judged passed: a warning, or
an objective still failing under a good enough score, is not a recovered shop.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from harness import gateresult
from harness.exits import Exit
from harness.gateresult import CANNOT_JUDGE, FAIL, PASS

ASTROSHOP = Path(sys.executable).with_name("astroshop")
DURATION_S = 25
USERS = 8
SMOKE_S = 45  # the smoke profile's own length
OVERHEAD_S = 150  # Locust start-up, the final scrape, the report; a gate never takes longer
SPACING_S = 10
RUN_ID = re.compile(r"^RUN_ID=(\S+)$", re.MULTILINE)


class GateError(RuntimeError):
    """The gate could not be run at all; the message has its output."""


@dataclass
class GateRun:
    """What one gate said: its verdict and every objective's status."""

    run_id: str
    status: str
    exit_code: int
    objectives: dict[str, str] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    finished: float = 0.0

    @property
    def passed(self) -> bool:
        """Exit 0 and every objective judged a pass."""
        return (self.exit_code == Exit.OK and bool(self.objectives)
                and all(status == PASS for status in self.objectives.values()))

    @property
    def alarmed(self) -> bool:
        """A failing or unjudged verdict: what a shop without a fault must never give."""
        return self.status in (FAIL, CANNOT_JUDGE)

    def not_passing(self) -> dict[str, str]:
        """The objectives that did not pass, with their status."""
        return {name: status for name, status in self.objectives.items() if status != PASS}

    def failed_on(self, objective: str) -> bool:
        """Whether the gate judged `objective` a failure."""
        return self.objectives.get(objective) == FAIL

    def as_dict(self) -> dict:
        """A JSON-ready form."""
        return asdict(self)


def command(duration_s: float | None = DURATION_S, users: int | None = USERS) -> list[str]:
    """The gate's command line (None: the smoke profile's own length or users)."""
    line = [str(ASTROSHOP), "gate", "--profile", "smoke"]
    line += ["--duration", f"{duration_s:g}"] if duration_s else []
    return line + (["--users", str(users)] if users else [])


def read(reports: Path, output: str, exit_code: int) -> GateRun:
    """The GateRun of a finished gate, from the gate.json its printed run id names."""
    found = RUN_ID.search(output)
    if not found:
        raise GateError(f"the gate printed no run id (exit {exit_code}):\n{output[-2000:]}")
    gate = gateresult.read(Path(reports) / found.group(1))
    return GateRun(gate.run_id, gate.verdict.status, gate.verdict.exit_code, gate.statuses(),
                   list(gate.verdict.reasons), time.time())


def run(reports: Path, duration_s: float | None = DURATION_S,
        users: int | None = USERS) -> GateRun:
    """Run one gate with its report folder under `reports`; what it said."""
    Path(reports).mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "ASTROSHOP_REPORTS_DIR": str(reports), "COLUMNS": "160"}
    limit = (duration_s or SMOKE_S) + OVERHEAD_S
    try:
        done = subprocess.run(command(duration_s, users), env=env, capture_output=True,
                              text=True, timeout=limit)
    except subprocess.TimeoutExpired as exc:
        raise GateError(f"the gate took over {limit:.0f} s") from exc
    return read(reports, done.stdout + done.stderr, done.returncode)


def until(accept: Callable[[GateRun], bool], deadline: float,
          run_one: Callable[[], GateRun]) -> GateRun:
    """Run gates until one is accepted, or another one (as long as the last, and at least
    SPACING_S) would end after `deadline` (monotonic); the last gate run. Gates start at
    least SPACING_S apart, so one that cannot even begin is not retried in a tight loop."""
    while True:
        started = time.monotonic()
        last = run_one()
        took = max(time.monotonic() - started, SPACING_S)
        if accept(last) or started + 2 * took > deadline:
            return last
        time.sleep(max(0.0, started + took - time.monotonic()))
