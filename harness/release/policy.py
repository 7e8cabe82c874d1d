"""The release policy (release-policy.yaml, beside slo/): steps, step length, extensions, confidence,
power, the tolerated effects and the background load; every field has a documented default."""
from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from harness.paths import REPO_ROOT

DEFAULT_POLICY = REPO_ROOT / "release-policy.yaml"  # beside slo/


class PolicyError(ValueError):
    """The policy file does not load; the message names the file and the field."""


class Strict(BaseModel):
    """A part of the policy: unknown fields are refused, so a typo is an error."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Errors(Strict):
    """How much worse the canary's error ratio may be than stable's."""

    max_increase: float = Field(0.02, gt=0, lt=1)


class Latency(Strict):
    """How much slower the canary may be: ms, or a share of stable's median, the larger."""

    max_shift_ms: float = Field(10.0, gt=0)
    max_shift_ratio: float = Field(0.10, ge=0)

    def tolerance(self, stable_median_ms: float | None) -> float:
        """The tolerated shift in ms against a stable median."""
        return max(self.max_shift_ms, self.max_shift_ratio * (stable_median_ms or 0.0))


class Load(Strict):
    """The background load of every step."""

    profile: str = "smoke"
    rate: float = Field(12.0, gt=0)


class ReleasePolicy(Strict):
    """Everything a release is judged by."""

    steps: tuple[int, ...] = (5, 25, 50, 100)
    step_seconds: float = Field(60.0, ge=5)
    max_extensions: int = Field(2, ge=0, le=10)
    start_timeout_seconds: float = Field(30.0, gt=0)
    confidence: float = Field(0.95, gt=0.5, lt=1)
    power: float = Field(0.8, gt=0.5, lt=1)
    errors: Errors = Errors()
    latency: Latency = Latency()
    objectives: bool = True
    load: Load = Load()

    @field_validator("steps")
    @classmethod
    def _rising_to_100(cls, steps: tuple[int, ...]) -> tuple[int, ...]:
        """Weights rise strictly, each 1..100, and the last one is 100."""
        if not steps or steps[-1] != 100 or any(not 0 < s <= 100 for s in steps) or \
                any(a >= b for a, b in zip(steps, steps[1:])):
            raise ValueError(f"steps must rise strictly within 1..100 and end at 100, got "
                             f"{list(steps)}")
        return steps

    @property
    def alpha(self) -> float:
        """The level of every test."""
        return 1 - self.confidence


def load(path: Path | None = None) -> ReleasePolicy:
    """The policy in `path` (default release-policy.yaml); PolicyError naming the field."""
    path = Path(path or DEFAULT_POLICY)
    try:
        data = yaml.safe_load(path.read_text()) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PolicyError(f"{path}: cannot read the policy: {exc}") from exc
    try:
        return ReleasePolicy.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise PolicyError(f"{path}: field '{where}': {first['msg']}") from exc
