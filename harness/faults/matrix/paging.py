"""A trial's steps on pages: detection is a page on the fault's objective that reached the
receiver through Alertmanager, and recovery needs each such page's resolved notification.

Mixed into `trial.Trial`, whose `matrix`, `fault`, `outcome`, `injected`, `cleared`, `note`,
`detected` and `fail` these steps use.
"""
from __future__ import annotations

from harness.faults.matrix import notified, probes


class PageSteps:
    """The page steps of a fault's trial."""

    def keep_notification(self, found: notified.Page) -> None:
        """Keep the time from the injection to the first page's notification."""
        self.outcome.time_to_notify_s = round(found.received - self.outcome.injected_at, 1)
        self.note("notified", seconds=self.outcome.time_to_notify_s, page=found.describe())

    def expect_page(self, within_s: float) -> None:
        """A page on the fault's objective reaches the receiver through Alertmanager within
        `within_s` of the injection; the detection time is when its alert began firing."""
        objective, since = self.fault.objective, self.outcome.injected_at
        found = notified.wait_firing(self.matrix.store, objective, since,
                                     self.injected + within_s)
        if found:
            self.keep_notification(found)
            fired = (found.started if found.started is not None else found.received) - since
            return self.detected(objective, f"notified: {found.describe()}", fired)
        in_prometheus = probes.firing(self.matrix.client, objective, within_s)
        seen = (f"Prometheus fired {', '.join(in_prometheus)} but Alertmanager delivered no "
                "notification" if in_prometheus else "no burn-rate page fired in Prometheus")
        self.fail("not detected", f"no page on {objective} reached the receiver within "
                  f"{within_s:g} s of injecting {self.fault.name} ({seen})")

    def expect_pages_resolved(self, within_s: float) -> None:
        """Every page on the objective notified since the injection gets its resolved
        notification within `within_s` of the clearing (none notified: nothing to wait for)."""
        objective, since = self.fault.objective, self.outcome.injected_at
        first = notified.firing(self.matrix.store, objective, since)
        if first and self.outcome.time_to_notify_s is None:
            self.keep_notification(first[0])
        still = notified.wait_resolved(self.matrix.store, objective, since,
                                       self.cleared + within_s)
        if still:
            self.fail("not recovered", f"no resolved notification of "
                      f"{', '.join(p.describe() for p in still)} reached the receiver within "
                      f"{within_s:g} s of clearing {self.fault.name}")
        resolved = [p.received for p in notified.pages(self.matrix.store, objective, since)
                    if p.status == "resolved"]
        if resolved:
            self.outcome.resolved_notified_s = round(max(resolved) - self.outcome.cleared_at, 1)
            self.note("pages resolved", seconds=self.outcome.resolved_notified_s)

    def note_other_pages(self) -> None:
        """Name, in the evidence, the pages on other objectives since the injection."""
        others = sorted({p.describe() for p in notified.firing(
            self.matrix.store, None, self.outcome.injected_at)
            if p.objective != self.fault.objective})
        if others:
            self.outcome.evidence.append(f"pages on other objectives: {', '.join(others)}")
