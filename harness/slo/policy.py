"""The alerting policy of the SRE workbook: multi-window, multi-burn-rate, derived not typed.

An alert pages (or opens a ticket) when the error budget burns so fast that a given share of
it would be gone within the long window; the burn factor is that share times the period over
the long window (2% of a 30d budget in 1h: 0.02 * 720h / 1h = 14.4). The short window, a
twelfth of the long one, makes the alert stop soon after the burning stops.
"""
from __future__ import annotations

from dataclasses import dataclass

from harness.slo import durations

SHORT_WINDOW_DIVISOR = 12
SHORT_WINDOW_SCALE = 60  # --short-window: every window / 60 (1h -> 1m, 5m -> 5s)


@dataclass(frozen=True)
class BurnAlert:
    """One window pair of the policy: severity, long window (seconds), budget share."""

    severity: str
    long_s: int
    budget_share: float

    @property
    def short_s(self) -> int:
        """The short window: a twelfth of the long one."""
        return self.long_s // SHORT_WINDOW_DIVISOR

    def factor(self, period_s: int) -> float:
        """The burn factor: the budget share spent over the long window, against the period."""
        return round(self.budget_share * period_s / self.long_s, 6)

    def windows(self, scale: int = 1) -> tuple[str, str]:
        """(long, short) as Prometheus durations, divided by `scale`."""
        return durations.text(self.long_s // scale), durations.text(self.short_s // scale)


HOUR, DAY = 3600, 86400
POLICY: tuple[BurnAlert, ...] = (
    BurnAlert("page", 1 * HOUR, 0.02),
    BurnAlert("page", 6 * HOUR, 0.05),
    BurnAlert("ticket", 1 * DAY, 0.10),
    BurnAlert("ticket", 3 * DAY, 0.10),
)
LONGEST_WINDOW_S = max(alert.long_s for alert in POLICY)
BASE_WINDOW_S = min(alert.short_s for alert in POLICY)  # 5m: the event rates recorded
RAW_LIMIT_S = HOUR  # windows up to this read the counters; longer ones are derived


def recording_windows(period_s: int, scale: int = 1) -> list[str]:
    """Every window to record an error ratio over: each alert's two windows and the period."""
    seconds = {a.long_s for a in POLICY} | {a.short_s for a in POLICY} | {period_s}
    return [durations.text(s // scale) for s in sorted(seconds)]


def is_raw(window: str, scale: int = 1) -> bool:
    """Whether a (scaled) window is short enough to read the SLI's counters directly."""
    return durations.seconds(window) <= RAW_LIMIT_S // scale


def base_window(scale: int = 1) -> str:
    """The window of the recorded event rates that every longer window is derived from."""
    return durations.text(BASE_WINDOW_S // scale)


def period_window(period_s: int, scale: int = 1) -> str:
    """The period as a (scaled) Prometheus duration."""
    return durations.text(period_s // scale)


def fastest_factor(period_s: int) -> float:
    """The largest burn factor of the policy for this period."""
    return max(alert.factor(period_s) for alert in POLICY)
