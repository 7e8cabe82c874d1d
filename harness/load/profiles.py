"""The load profiles, each defined once here with its numbers (Locust shapes: shapes.py).

Every user paces itself to `pace` tasks per second (Locust's constant throughput), so a
stage of U users means an arrival rate of U x pace tasks/s while the shop keeps up; users
are three storefront shoppers to two API clients (see shoppers.py and apiuser.py).

| profile    | stages (users; every user 1 task/s)                               | length   |
|------------|-------------------------------------------------------------------|----------|
| smoke      | 10 users for 45 s (reached in 2 s)                                | 45 s     |
| load       | ramp to 24 users over 60 s, hold 4 min                            | 5 min    |
| stress     | 24 users 2 min, 48 users 2 min, 72 users 2 min, back to 24 1 min  | 7 min    |
| spike      | 12 users 1 min, 72 users (in 5 s) 1 min, 12 users 1.5 min         | 3.5 min  |
| soak       | ramp to 20 users over 60 s, hold for 1 h                          | 61 min   |
| breakpoint | 6 users, then 6 more every 30 s up to 180, until an objective     | <=15 min |
|            | breaks (Locust stops the ramp early once 5% of requests fail or   |          |
|            | p95 passes 2 s; each stage is then judged from Prometheus)        |          |

`--duration` fits a profile into fewer seconds, `--scale` multiplies its users, `--users`
sets its peak users and `--rate` its peak arrival rate (harness/load/plan.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from harness.load.plan import Plan, Stage, adjusted
from harness.load.settings import LoadSettings


@dataclass(frozen=True)
class Profile:
    """A named sequence of stages, and the pace of every user in tasks per second."""

    name: str
    summary: str
    stages: tuple[Stage, ...]
    pace: float = 1.0

    def plan(self, settings: LoadSettings) -> Plan:
        """The stages with the run's --duration, --scale, --users and --rate applied."""
        return adjusted(Plan(self.stages, self.pace), settings)


BREAKPOINT_STEP_USERS, BREAKPOINT_STEP_S, BREAKPOINT_STEPS = 6, 30, 30

PROFILES: dict[str, Profile] = {p.name: p for p in (
    Profile("smoke", "a short, light run: does everything work and meet its objectives?",
            (Stage(45, 10, 5),)),
    Profile("load", "the expected busy-hour load, held long enough to judge",
            (Stage(60, 24, 0.4), Stage(240, 24, 1))),
    Profile("stress", "twice and three times the expected load, then back to it",
            (Stage(120, 24, 1), Stage(120, 48, 1), Stage(120, 72, 1), Stage(60, 24, 2))),
    Profile("spike", "a sudden six-fold surge for a minute, and the recovery after it",
            (Stage(60, 12, 4), Stage(60, 72, 12), Stage(90, 12, 12))),
    Profile("soak", "a steady load for an hour: leaks, growth, slow drift",
            (Stage(60, 20, 0.34), Stage(3600, 20, 1))),
    Profile("breakpoint", "the arrival rate stepped up until an objective breaks",
            tuple(Stage(BREAKPOINT_STEP_S, BREAKPOINT_STEP_USERS * (step + 1), 3)
                  for step in range(BREAKPOINT_STEPS))),
)}


def profile(name: str) -> Profile:
    """The profile called `name`; ValueError naming the known ones."""
    if name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}; known: {', '.join(PROFILES)}")
    return PROFILES[name]
