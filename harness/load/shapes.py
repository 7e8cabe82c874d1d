"""The profiles as Locust load shapes: each tick runs the stage of the plan due now."""
from __future__ import annotations

from typing import ClassVar

from locust import LoadTestShape

from harness.load import window
from harness.load.profiles import Profile, profile
from harness.load.settings import LoadSettings


class ProfileShape(LoadTestShape):
    """Runs the stages of a profile's plan, recording when each begins."""

    abstract = True
    profile: ClassVar[Profile]

    def __init__(self):
        """The plan of this run: the profile with the settings' adjustments."""
        super().__init__()
        self.settings = LoadSettings.from_env()
        self.plan = self.profile.plan(self.settings)
        self.current, self.stage_started = -1, 0.0

    def tick(self):
        """Users and spawn rate of the stage running now; None when the plan is done."""
        found = self.plan.at(self.get_run_time())
        if found is None:
            return None
        index, stage = found
        if index != self.current:
            self.current, self.stage_started = index, self.get_run_time()
            window.record(self.settings.window_file, "stage", index=index, users=stage.users,
                          rate=self.plan.rate(stage))
        return stage.users, stage.spawn_rate


class BreakpointShape(ProfileShape):
    """Steps the arrival rate up; ends early once Locust itself sees the shop break."""

    abstract = True
    settle_s: ClassVar[float] = 10.0
    max_failure_ratio: ClassVar[float] = 0.05
    max_p95_ms: ClassVar[float] = 2000.0

    def tick(self):
        """As ProfileShape.tick, but None (the end) once the running stage is clearly broken."""
        reason = self.broken()
        if reason:
            window.record(self.settings.window_file, "stopped-early", reason=reason)
            return None
        return super().tick()

    def broken(self) -> str:
        """Why the running stage is broken, judged on Locust's last ten seconds, or ""."""
        if self.current < 0 or self.get_run_time() - self.stage_started < self.settle_s:
            return ""
        total, users = self.runner.stats.total, self.plan.stages[self.current].users
        if total.current_rps <= 0:
            return ""
        failing = total.current_fail_per_sec / total.current_rps
        p95 = total.get_current_response_time_percentile(0.95) or 0
        if failing > self.max_failure_ratio:
            return f"{failing:.0%} of requests failing at {users} users"
        if p95 > self.max_p95_ms:
            return f"Locust's p95 was {p95:.0f} ms at {users} users"
        return ""


def shape_class(name: str) -> type[ProfileShape]:
    """The Locust shape class of the profile called `name`."""
    chosen = profile(name)
    base = BreakpointShape if chosen.name == "breakpoint" else ProfileShape
    return type(chosen.name.title(), (base,), {"profile": chosen, "abstract": False,
                                               "__doc__": chosen.summary})
