"""Latencies of two samples: Mann-Whitney U (scipy), the Hodges-Lehmann shift (the median
of every candidate-minus-reference difference) and its confidence interval, both found by
inverting scipy's test, and the smallest shift the samples could have detected.

The shift d is where the candidate moved back by d stops looking larger or smaller than the
reference: the estimate is the d at which U equals half the pairs, the interval every d the
two-sided test at 1 - confidence does not reject. Both are found by bisection on scipy's
own statistic and p-value (ties corrected), to SHIFT_RESOLUTION, without the m*n
differences in memory.
"""
from __future__ import annotations

import numpy as np
from scipy.stats import mannwhitneyu

from harness.stats.comparison import Comparison, finite, verdict
from harness.stats.power import shift_mde

SHIFT_RESOLUTION = 0.01  # ms
MAX_SAMPLE = 20000  # a larger sample is thinned at random (seeded) to this many values
SEED = 15


def thinned(values, limit: int = MAX_SAMPLE) -> np.ndarray:
    """The values as an array, a seeded random subset of `limit` when there are more."""
    array = np.asarray(values, dtype=float)
    if len(array) <= limit:
        return array
    return np.random.default_rng(SEED).choice(array, size=limit, replace=False)


def bisect(holds, low: float, high: float) -> float:
    """The boundary between `low` (where `holds` is false) and `high` (where it is true)."""
    while high - low > SHIFT_RESOLUTION:
        middle = (low + high) / 2
        low, high = (low, middle) if holds(middle) else (middle, high)
    return (low + high) / 2


def hodges_lehmann(candidate: np.ndarray, reference: np.ndarray,
                   confidence: float) -> tuple[float, float, float]:
    """The shift estimate and its interval (low, estimate, high), by inverting the test."""
    alpha, half = 1 - confidence, len(candidate) * len(reference) / 2
    span = float(np.ptp(np.concatenate([candidate, reference]))) + 1.0
    bottom, top = float(candidate.min() - reference.max()) - 1, \
        float(candidate.max() - reference.min()) + 1

    def u(shift: float) -> float:
        """U of the candidate moved back by `shift`."""
        return float(mannwhitneyu(candidate - shift, reference, method="asymptotic").statistic)

    def accepted(shift: float) -> bool:
        """Whether the test does not reject a shift of `shift`."""
        return mannwhitneyu(candidate - shift, reference, method="asymptotic").pvalue >= alpha

    estimate = bisect(lambda shift: u(shift) <= half, bottom, top)
    low = bisect(accepted, bottom - span, estimate) if accepted(estimate) else estimate
    high = bisect(lambda shift: not accepted(shift), estimate, top + span) \
        if accepted(estimate) else estimate
    return low, estimate, high


def compare(name: str, candidate, reference, tolerance: float, confidence: float = 0.95,
            power: float = 0.8) -> Comparison:
    """The candidate's latencies (ms) against the reference's: is it shifted up?"""
    c, r = thinned(candidate), thinned(reference)
    common = {"name": name, "test": "Mann-Whitney U (two-sided), Hodges-Lehmann shift",
              "unit": "ms", "candidate_n": len(candidate), "reference_n": len(reference),
              "confidence": confidence, "power": power, "tolerance": tolerance,
              "candidate_value": float(np.median(c)) if len(c) else None,
              "reference_value": float(np.median(r)) if len(r) else None}
    if len(c) < 2 or len(r) < 2:
        status, reason = verdict(None, None, None, tolerance, 1 - confidence)
        return Comparison(**common, effect=None, ci_low=None, ci_high=None, p_value=None,
                          mde=None, verdict=status, reason=reason)
    p_value = float(mannwhitneyu(c, r, alternative="two-sided").pvalue)
    low, estimate, high = hodges_lehmann(c, r, confidence)
    mde = finite(shift_mde(low, high, confidence, power))
    status, reason = verdict(estimate, p_value, mde, tolerance, 1 - confidence)
    return Comparison(**common, effect=estimate, ci_low=low, ci_high=high, p_value=p_value,
                      mde=mde, verdict=status, reason=reason)
