"""Long windows derived from recorded short-window event rates, so no rule reads days of raw data.

Every evaluation records two series per objective over the base window B (5m): the rate of
all events, T = sum(rate(total[B])), and of bad events, D = T - sum(rate(good[B])). The error
ratio over a long window L is then

    sum_over_time(D[L]) / sum_over_time(T[L])

Why that is the error ratio over L: a sample taken at t_i is (events in (t_i - B, t_i]) / B,
and samples come every evaluation interval e, so each event lands in B / e samples; summing
the samples of L counts every event of L the same number of times, good and bad alike (the
two series are recorded by the same evaluation, at the same instants). The constant cancels
in the quotient, leaving bad events over all events: a traffic-weighted ratio. Only the
first and last B of the window are counted partly, an error of at most B / L (4% for 2h,
under 1.4% from 6h up). A missed evaluation drops the same instant from both sums.

Averaging recorded *ratios* (avg_over_time of a 5m error ratio, as Sloth does for the
period) would instead weigh a quiet night's five minutes, one request in error, like a busy
hour's: the mean of ratios is not the ratio of the sums when traffic varies.

Events over the period are e * sum_over_time(T[P]); e is measured rather than configured:
an aligned evaluation loop puts n + 1 samples in a closed range of B when n = B / e.

What it costs: sum_over_time over L reads L / e samples of two series per objective, however
many series the SLI's selectors match, where a raw rate() over L reads every matched series'
every scrape of L.
"""
from __future__ import annotations

from harness.slo import durations
from harness.slo.spec import Objective

TOTAL_RATE = "slo:sli_total:rate"
BAD_RATE = "slo:sli_bad:rate"


def good_rate_expr(objective: Objective, window: str) -> str:
    """Good events per second over `window` (a missing good series counts as none good);
    for a probe, the samples at 1 (the sum of the 0/1 samples)."""
    good = objective.sli.selectors()[0].render()
    if objective.sli.probe is not None:
        return f"(sum(sum_over_time({good}[{window}])) / {durations.seconds(window)})"
    return f"(sum(rate({good}[{window}])) or vector(0))"


def total_rate_expr(objective: Objective, window: str) -> str:
    """All events per second over `window`; for a probe, its scraped samples."""
    total = objective.sli.selectors()[1].render()
    if objective.sli.probe is not None:
        return f"(sum(count_over_time({total}[{window}])) / {durations.seconds(window)})"
    return f"sum(rate({total}[{window}]))"


def rate_rules(objective: Objective, base: str) -> list[dict]:
    """The two recorded series every long window is derived from: all and bad events per s."""
    total = total_rate_expr(objective, base)
    return [{"record": TOTAL_RATE, "expr": total,
             "labels": {"slo": objective.name, "window": base}},
            {"record": BAD_RATE, "expr": f"{total} - {good_rate_expr(objective, base)}",
             "labels": {"slo": objective.name, "window": base}}]


def _recorded(name: str, objective: Objective, base: str) -> str:
    """The selector of one recorded base-window series of `objective`."""
    return f'{name}{{slo="{objective.name}",window="{base}"}}'


def ratio_expr(objective: Objective, window: str, base: str) -> str:
    """The error ratio over `window`, from the recorded base-window rates."""
    bad, total = (_recorded(n, objective, base) for n in (BAD_RATE, TOTAL_RATE))
    return f"sum_over_time({bad}[{window}]) / sum_over_time({total}[{window}])"


def events_expr(objective: Objective, window: str, base: str) -> str:
    """Events over `window`: the evaluation interval (measured over `base`) * the rate samples."""
    total = _recorded(TOTAL_RATE, objective, base)
    interval = f"{durations.seconds(base)} / (count_over_time({total}[{base}]) - 1 > 0)"
    return f"sum_over_time({total}[{window}]) * {interval}"
