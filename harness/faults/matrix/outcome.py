"""What one fault's trial found: was it detected by its signal, did the shop recover, how fast.

Detection counts only on the objective the fault was meant to move (`detected_on` names the
objective whose gate result or alert was seen), and an alert only once its page reached the
receiver through Alertmanager (`time_to_notify_s`, also kept for a gate-detected fault that
paged); recovery only once every such page's resolved notification arrived and a gate
passes with every objective passing again.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from harness.faults.catalogue import Fault

SIGNALS = {"gate": "the gate fails on {objective}",
           "alert": "a burn-rate page on {objective} reaches the receiver"}


def signal_text(fault: Fault) -> str:
    """The expected signal in words: `a burn-rate alert on cart-availability fires`."""
    return SIGNALS[fault.via].format(objective=fault.objective)


@dataclass
class Outcome:
    """One row of the detection matrix."""

    fault: str
    kind: str
    objective: str
    via: str
    signal: str
    detect_within_s: int
    recover_within_s: int
    injected_at: float | None = None
    detected: bool = False
    detected_on: str | None = None  # the objective whose signal was seen
    time_to_detect_s: float | None = None  # the gate's verdict, or the alert began firing
    time_to_notify_s: float | None = None  # the first page on the objective was received
    cleared_at: float | None = None
    resolved_notified_s: float | None = None  # from the clearing to the last resolved page
    recovered: bool = False
    time_to_recover_s: float | None = None
    evidence: list[str] = field(default_factory=list)
    gates: list[dict] = field(default_factory=list)
    error: str = ""

    @classmethod
    def of(cls, fault: Fault) -> Outcome:
        """An empty outcome for `fault`: nothing detected or recovered yet."""
        return cls(fault.name, fault.kind, fault.objective, fault.via, signal_text(fault),
                   fault.detect_within_s, fault.recover_within_s)

    @property
    def notified_in_time(self) -> bool:
        """An alert-detected fault's page reached the receiver within the detection limit."""
        return self.via != "alert" or (self.time_to_notify_s is not None
                                       and self.time_to_notify_s <= self.detect_within_s)

    @property
    def passed(self) -> bool:
        """Detected on its own objective (an alert: notified) and recovered, each in time."""
        return (self.detected and self.detected_on == self.objective and self.recovered
                and self.time_to_detect_s is not None
                and self.time_to_detect_s <= self.detect_within_s and self.notified_in_time
                and self.time_to_recover_s is not None
                and self.time_to_recover_s <= self.recover_within_s)

    def as_dict(self) -> dict:
        """A JSON-ready form, with `passed`."""
        return {**asdict(self), "passed": self.passed}


def summary(outcomes: list[dict]) -> dict:
    """Counts over the rows: faults, detected, recovered, passed."""
    return {"faults": len(outcomes),
            "detected": sum(bool(o["detected"]) for o in outcomes),
            "recovered": sum(bool(o["recovered"]) for o in outcomes),
            "passed": sum(bool(o["passed"]) for o in outcomes)}
