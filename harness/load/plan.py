"""A load plan: stages of users over time, each user pacing itself to a fixed task rate."""
from __future__ import annotations

from dataclasses import dataclass, replace

from harness.load.settings import LoadSettings


@dataclass(frozen=True)
class Stage:
    """Reach `users` at `spawn_rate` users/s (up or down), then hold them; `seconds` in all."""

    seconds: float
    users: int
    spawn_rate: float


@dataclass(frozen=True)
class Plan:
    """Stages run one after the other; every user runs `pace` tasks per second."""

    stages: tuple[Stage, ...]
    pace: float

    @property
    def total_s(self) -> float:
        """The planned length of the run."""
        return sum(stage.seconds for stage in self.stages)

    @property
    def peak_users(self) -> int:
        """The most users any stage asks for."""
        return max(stage.users for stage in self.stages)

    def rate(self, stage: Stage) -> float:
        """The intended arrival rate of a stage: its users times the pace, in tasks/s."""
        return stage.users * self.pace

    def at(self, elapsed_s: float) -> tuple[int, Stage] | None:
        """The stage (and its index) running `elapsed_s` into the run; None once it is over."""
        end = 0.0
        for index, stage in enumerate(self.stages):
            end += stage.seconds
            if elapsed_s < end:
                return index, stage
        return None

    def starts(self) -> list[float]:
        """Seconds from the start of the run at which each stage begins."""
        offsets, t = [], 0.0
        for stage in self.stages:
            offsets.append(t)
            t += stage.seconds
        return offsets


def scaled(plan: Plan, factor: float) -> Plan:
    """Every stage's users (at least one) and spawn rate multiplied by `factor`."""
    stages = tuple(replace(s, users=max(1, round(s.users * factor)),
                           spawn_rate=max(0.1, s.spawn_rate * factor)) for s in plan.stages)
    return replace(plan, stages=stages)


def stretched(plan: Plan, total_s: float) -> Plan:
    """The same stages fitted into `total_s` seconds; spawn rates keep the ramps in step."""
    factor = total_s / plan.total_s
    stages = tuple(replace(s, seconds=s.seconds * factor, spawn_rate=s.spawn_rate / factor)
                   for s in plan.stages)
    return replace(plan, stages=stages)


def adjusted(plan: Plan, settings: LoadSettings) -> Plan:
    """Apply --users or --scale, then --duration, then --rate (peak arrival rate, tasks/s)."""
    factor = settings.users / plan.peak_users if settings.users else settings.scale
    result = scaled(plan, factor) if factor != 1 else plan
    if settings.duration_s:
        result = stretched(result, settings.duration_s)
    if settings.rate:
        result = replace(result, pace=settings.rate / result.peak_users)
    return result
