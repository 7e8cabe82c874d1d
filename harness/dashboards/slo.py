"""SLO panels, read from the recording rules that `astroshop slo rules` renders.

The same panels work whether the standard or the short-window rules are loaded: windows
are matched by a regex holding both spellings (1h or 1m, 30d or 12h).
"""
from __future__ import annotations

from harness.dashboards.style import stat, timeseries
from harness.slo import policy, rules
from harness.slo.spec import Objective

SCALES = (1, policy.SHORT_WINDOW_SCALE)


def windows_regex(seconds: int) -> str:
    """`1h|1m`: one window in the standard and the short-window rules."""
    return "|".join(dict.fromkeys(policy.period_window(seconds, scale) for scale in SCALES))


def period_regex(objective: Objective) -> str:
    """The objective's period as either rule set spells it."""
    return windows_regex(objective.period_s)


FASTEST_LONG = windows_regex(policy.POLICY[0].long_s)
BUDGET = f"(1 - {rules.OBJECTIVE})"


def burn(selector: str) -> str:
    """Burn rate: the recorded error ratio over the objective's budget, per window."""
    return f"{rules.ERROR_RATIO}{{{selector}}} / on (slo) group_left () {BUDGET}"


def firing(selector: str) -> str:
    """How many burn alerts are firing (0, never an empty result)."""
    return f'count(ALERTS{{alertname="{rules.ALERT}",alertstate="firing",{selector}}}) or vector(0)'


def objective_panels(objective: Objective) -> list:
    """One row's worth of panels for an objective: SLI, budget, burn, alerts, events."""
    name = objective.name
    this = f'slo="{name}"'
    period = f'{this},window=~"{period_regex(objective)}"'
    return [
        stat(f"{name}: SLI over the period", f"1 - {rules.ERROR_RATIO}{{{period}}}",
             "percentunit", f"{objective.description.strip()} Target {objective.target:.2%}.",
             decimals=3),
        stat(f"{name}: error budget left", f"{rules.BUDGET_REMAINING}{{{this}}}", "percentunit",
             "Share of the period's error budget not yet spent", decimals=1),
        stat(f"{name}: burn alerts firing", firing(this), "short",
             "Multi-window burn-rate alerts firing now (page and ticket)", decimals=0),
        stat(f"{name}: events in the period", f"{rules.EVENTS}{{{this}}}", "short",
             "Requests the SLI counted over the period", decimals=0),
        timeseries(f"{name}: burn rate by window", [(burn(this), "{{window}}")], "suffix:x",
                   "1x spends the budget exactly over the period; pages start at "
                   f"{policy.POLICY[0].factor(objective.period_s):g}x", width=8),
    ]
