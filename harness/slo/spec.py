"""The SLO spec model: one objective, validated field by field (the format is in slo/README.md)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from prometheus_client.utils import floatToGoString

from harness.slo import durations, policy, selectors
from harness.slo.selectors import Matcher, Selector

SLUG = r"^[a-z][a-z0-9-]*[a-z0-9]$"


def _selector(value: str, *, name_required: bool = True) -> str:
    """Check that `value` parses as a series selector; keep the text."""
    selectors.parse(value, name_required=name_required)
    return value


class Latency(BaseModel):
    """Good events are requests faster than a threshold, read from a histogram."""

    model_config = ConfigDict(extra="forbid")
    histogram: str = Field(pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
    selector: str = ""
    threshold_ms: float = Field(gt=0)
    unit: Literal["ms", "s"]

    @field_validator("selector")
    @classmethod
    def _is_selector(cls, value: str) -> str:
        return _selector(value, name_required=False) if value else value

    def le(self) -> str:
        """The `le` label of the threshold's bucket, spelled as the exporter spells it."""
        if self.unit == "s":
            return floatToGoString(self.threshold_ms / 1000)
        return f"{self.threshold_ms:g}"


class Sli(BaseModel):
    """Good and total counter selectors, a latency threshold on a histogram, or a probe: a
    0/1 gauge (probe_success) whose every scraped sample is an event, good when 1."""

    model_config = ConfigDict(extra="forbid")
    good: str | None = None
    total: str | None = None
    latency: Latency | None = None
    probe: str | None = None

    @field_validator("good", "total", "probe")
    @classmethod
    def _is_selector(cls, value: str | None) -> str | None:
        return None if value is None else _selector(value)

    @model_validator(mode="after")
    def _one_kind(self) -> Sli:
        events = self.good is not None and self.total is not None
        kinds = [events, self.latency is not None, self.probe is not None]
        if kinds.count(True) != 1 or (self.good is None) != (self.total is None):
            raise ValueError("give either both `good` and `total`, or `latency`, or `probe`")
        return self

    def selectors(self) -> tuple[Selector, Selector]:
        """(good, total) as series selectors: counters, or the probe gauge twice."""
        if self.probe is not None:
            return selectors.parse(self.probe), selectors.parse(self.probe)
        if self.latency is None:
            return selectors.parse(self.good), selectors.parse(self.total)
        base = selectors.parse(self.latency.selector or "{}", name_required=False)
        good = base.with_name(f"{self.latency.histogram}_bucket")
        good = Selector(good.name, (*good.matchers, Matcher("le", "=", self.latency.le())))
        return good, base.with_name(f"{self.latency.histogram}_count")


class Objective(BaseModel):
    """One service level objective."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(pattern=SLUG)
    description: str = Field(min_length=1)
    sli: Sli
    target: float = Field(gt=0, lt=1)
    period: str = "30d"
    key: bool = False
    weight: float = Field(default=1.0, gt=0)
    min_events: int = Field(default=100, ge=1)
    # The one service an objective is about: its alerts carry `service`, and an edge-down
    # alert inhibits their pages (the edge being down explains them).
    service: str | None = Field(default=None, pattern=SLUG)
    # Whether the gate judges it: false for what a load run does not drive (the probes).
    gate: bool = True

    @field_validator("period")
    @classmethod
    def _long_enough(cls, value: str) -> str:
        if durations.seconds(value) < policy.LONGEST_WINDOW_S:
            longest = durations.text(policy.LONGEST_WINDOW_S)
            raise ValueError(f"must be at least {longest}, the longest alert window")
        return value

    @model_validator(mode="after")
    def _alert_can_fire(self) -> Objective:
        fastest = policy.fastest_factor(self.period_s)
        if fastest * self.budget >= 1:
            raise ValueError(f"target {self.target} leaves a budget of {self.budget:g}: the "
                             f"{fastest:g}x burn alert could never fire; the target must be "
                             f"above {1 - 1 / fastest:.4f}")
        return self

    @property
    def period_s(self) -> int:
        """The period in seconds."""
        return durations.seconds(self.period)

    @property
    def budget(self) -> float:
        """The error budget: the share of events allowed to be bad."""
        return round(1 - self.target, 10)


class SpecFile(BaseModel):
    """One slo/*.yaml file: a list of objectives."""

    model_config = ConfigDict(extra="forbid")
    objectives: list[Objective] = Field(min_length=1)
