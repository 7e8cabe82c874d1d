"""One comparison of a candidate with a reference (canary with stable, a run with its
baseline): the typed result every report reads, and its verdict against a tolerance."""
from __future__ import annotations

import math

from pydantic import BaseModel, ConfigDict

WORSE, OK, UNDERPOWERED, NO_DATA = "worse", "ok", "underpowered", "no data"


class Comparison(BaseModel):
    """What one test found: both samples, the effect with its interval, the p-value, the
    effect the sample could have detected, the tolerance, and the verdict.

    `effect` is candidate minus reference (ms of shift, or a difference of error ratios);
    positive is worse. Infinite detectable effects (no sample) are written as None.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    test: str
    unit: str
    candidate_n: int
    reference_n: int
    candidate_value: float | None  # the candidate's error ratio, or its median latency
    reference_value: float | None
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    p_value: float | None
    mde: float | None  # the smallest worsening detectable at `power`
    power: float
    tolerance: float
    verdict: str
    reason: str

    @property
    def detectable(self) -> bool:
        """Whether the sample could have detected a worsening as large as the tolerance."""
        return self.mde is not None and self.mde <= self.tolerance


def finite(value: float | None) -> float | None:
    """A float, or None for NaN and infinities (JSON has neither)."""
    return None if value is None or not math.isfinite(value) else float(value)


def verdict(effect: float | None, p_value: float | None, mde: float | None, tolerance: float,
            alpha: float) -> tuple[str, str]:
    """Worse when significant and beyond the tolerance; ok when the sample could have seen a
    worsening as large as the tolerance and did not; else underpowered. With the reason."""
    if effect is None or p_value is None:
        return NO_DATA, "no sample on one side: nothing to compare"
    if p_value < alpha and effect > tolerance:
        return WORSE, (f"worse by {effect:.4g} (p = {p_value:.2g} < {alpha:g}), beyond the "
                       f"tolerated {tolerance:.4g}")
    if mde is not None and mde <= tolerance:
        return OK, (f"no worsening beyond {tolerance:.4g}, and the sample could have detected "
                    f"one of {mde:.4g}")
    shown = "no sample size" if mde is None else f"{mde:.4g}"
    return UNDERPOWERED, (f"no significant worsening, but the sample could only detect one of "
                          f"{shown}, above the tolerated {tolerance:.4g}")
