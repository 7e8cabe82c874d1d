"""Error ratios of two samples: Fisher's exact test (scipy), the difference of the ratios
with Newcombe's hybrid score interval built from scipy's Wilson intervals, and the
smallest increase the samples could have detected."""
from __future__ import annotations

import math

from scipy.stats import binomtest, fisher_exact

from harness.stats.comparison import Comparison, finite, verdict
from harness.stats.power import proportion_mde


def wilson(bad: int, total: int, confidence: float) -> tuple[float, float]:
    """scipy's Wilson score interval of one ratio."""
    interval = binomtest(bad, total).proportion_ci(confidence_level=confidence, method="wilson")
    return float(interval.low), float(interval.high)


def newcombe(bad_c: int, n_c: int, bad_r: int, n_r: int,
             confidence: float) -> tuple[float, float]:
    """Newcombe's interval (his method 10) for the candidate's ratio minus the reference's."""
    p_c, p_r = bad_c / n_c, bad_r / n_r
    low_c, high_c = wilson(bad_c, n_c, confidence)
    low_r, high_r = wilson(bad_r, n_r, confidence)
    difference = p_c - p_r
    return (difference - math.hypot(p_c - low_c, high_r - p_r),
            difference + math.hypot(high_c - p_c, p_r - low_r))


def compare(name: str, bad_c: int, n_c: int, bad_r: int, n_r: int, tolerance: float,
            confidence: float = 0.95, power: float = 0.8) -> Comparison:
    """The candidate's error ratio against the reference's (`bad` of `n` each)."""
    alpha = 1 - confidence
    common = {"name": name, "test": "Fisher's exact test (two-sided), Newcombe interval",
              "unit": "ratio", "candidate_n": n_c, "reference_n": n_r,
              "confidence": confidence, "power": power, "tolerance": tolerance}
    if n_c < 1 or n_r < 1:
        status, reason = verdict(None, None, None, tolerance, alpha)
        return Comparison(**common, candidate_value=bad_c / n_c if n_c else None,
                          reference_value=bad_r / n_r if n_r else None, effect=None,
                          ci_low=None, ci_high=None, p_value=None, mde=None, verdict=status,
                          reason=reason)
    _, p_value = fisher_exact([[bad_c, n_c - bad_c], [bad_r, n_r - bad_r]])
    effect = bad_c / n_c - bad_r / n_r
    low, high = newcombe(bad_c, n_c, bad_r, n_r, confidence)
    mde = proportion_mde(bad_r / n_r, n_c, n_r, alpha, power)
    status, reason = verdict(effect, float(p_value), finite(mde), tolerance, alpha)
    return Comparison(**common, candidate_value=bad_c / n_c, reference_value=bad_r / n_r,
                      effect=effect, ci_low=low, ci_high=high, p_value=float(p_value),
                      mde=finite(mde), verdict=status, reason=reason)
