"""Input series for promtool rule tests: concrete label sets that an SLI's selectors match,
and counter values that follow an error-ratio profile step by step."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from harness.slo.selectors import Matcher
from harness.slo.spec import Objective

EVENTS_PER_STEP = 1000
FALLBACK_VALUES = ("2", "200", "5", "500", "public", "ok", "x")


@dataclass(frozen=True)
class Phase:
    """A stretch of `steps` samples during which a share `ratio` of the events is bad."""

    steps: int
    ratio: float


def _candidates(matchers: list[Matcher]) -> list[str]:
    """Label values worth trying against these matchers (their own values, regex branches)."""
    found = []
    for m in matchers:
        branches = m.value.split("|") if "~" in m.op else [m.value]
        found += [re.sub(r"[\^$\\()]", "", b).replace(".", "0") for b in branches]
    return [*found, *FALLBACK_VALUES, *(m.value + "x" for m in matchers)]


def _value(accept: list[Matcher], reject: list[Matcher]) -> str | None:
    """A value every `accept` matcher takes and some `reject` matcher refuses (if any given)."""
    for value in _candidates([*accept, *reject]):
        if all(m.accepts(value) for m in accept) and not (
                reject and all(m.accepts(value) for m in reject)):
            return value
    return None


def series(name: str, accept: tuple[Matcher, ...], reject: tuple[Matcher, ...] = ()) -> str:
    """A concrete series matched by `accept` and, when `reject` is given, not by `reject`."""
    labels = sorted({m.label for m in (*accept, *reject)})
    on = {label: [m for m in accept if m.label == label] for label in labels}
    off = {label: [m for m in reject if m.label == label] for label in labels}
    broken = next((lb for lb in labels if off[lb] and _value(on[lb], off[lb]) is not None), None)
    if reject and broken is None:
        raise ValueError(f"no series of {name} matches {accept} but not {reject}")
    values = {lb: _value(on[lb], off[lb] if lb == broken else []) for lb in labels}
    if None in values.values():
        raise ValueError(f"cannot find label values for {name} matching {accept}")
    inner = ",".join(f'{lb}="{v}"' for lb, v in values.items())
    return f"{name}{{{inner}}}"


def counter_values(phases: list[Phase], share_of: Callable[[float], float]) -> str:
    """promtool's expanding notation for a counter growing by `share_of(ratio)` per step."""
    parts, value = [], 0.0
    for index, phase in enumerate(phases):
        step = share_of(phase.ratio) * EVENTS_PER_STEP
        start, count = (0.0, phase.steps) if index == 0 else (value + step, phase.steps - 1)
        parts.append(f"{start:.6g}+{step:.6g}x{count}")
        value = start + step * count
    return " ".join(parts)


def gauge_values(phases: list[Phase], no_good: bool) -> str:
    """promtool's notation for a probe gauge at the good share of each phase (0 if none good).

    A real probe is 0 or 1; a sample of 0.93 counts as 0.93 good events, the same sums."""
    return " ".join(f"{0.0 if no_good else 1 - phase.ratio:.6g}x{phase.steps - (index > 0)}"
                    for index, phase in enumerate(phases))


def input_series(objective: Objective, phases: list[Phase], *, no_good=False) -> list[dict]:
    """The SLI's counters following `phases`; the good series left out when `no_good`."""
    good, total = objective.sli.selectors()
    if objective.sli.probe is not None:
        return [{"series": series(good.name, good.matchers),
                 "values": gauge_values(phases, no_good)}]
    if good.name == total.name:
        pairs = [(series(good.name, (*good.matchers, *total.matchers)), lambda r: 1 - r),
                 (series(total.name, total.matchers, good.matchers), lambda r: r)]
    else:
        pairs = [(series(good.name, good.matchers), lambda r: 1 - r),
                 (series(total.name, total.matchers), lambda r: 1.0)]
    return [{"series": name, "values": counter_values(phases, share_of)}
            for index, (name, share_of) in enumerate(pairs) if not (no_good and index == 0)]


def window_ratio(phases: list[Phase], window_steps: int) -> float:
    """The bad share over the last `window_steps` steps (or all of them, if fewer)."""
    ratios = [phase.ratio for phase in phases for _ in range(phase.steps)]
    recent = ratios[-window_steps:]
    return sum(recent) / len(recent)
