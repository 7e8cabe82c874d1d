"""Minimum detectable effects, from the normal approximation (scipy.stats.norm, our own
formulas: statsmodels would bring pandas for two lines of algebra).

For two proportions: Cohen's effect size h (the difference of the ratios' arcsine
square roots), whose estimate is near normal with variance 1/n1 + 1/n2 whatever the ratio, so
the smallest detectable h is (z[1 - alpha/2] + z[power]) / sqrt(n1 n2 / (n1 + n2)), turned
back into a ratio above the reference's. Where the reference saw no error at all it is
optimistic (Fisher's exact test needs a few more events than the normal curve says). For a
shift: (z[1 - alpha/2] + z[power]) times the standard error of the estimate, the standard
error read from the width of its confidence interval.
"""
from __future__ import annotations

import math

from scipy.stats import norm


def proportion_mde(base: float, n_candidate: int, n_reference: int, alpha: float,
                   power: float) -> float:
    """The smallest increase of the candidate's ratio over `base` that the two-sided test
    detects with `power` (Cohen's h); inf when no increase is detectable."""
    if n_candidate < 1 or n_reference < 1:
        return math.inf
    h = (norm.ppf(1 - alpha / 2) + norm.ppf(power)) / math.sqrt(
        n_candidate * n_reference / (n_candidate + n_reference))
    angle = math.asin(math.sqrt(base)) + h / 2
    if angle >= math.pi / 2:
        return math.inf
    return math.sin(angle) ** 2 - base


def shift_mde(ci_low: float, ci_high: float, confidence: float, power: float) -> float:
    """The detectable shift from an interval at `confidence`: (z_a/2 + z_power) * SE."""
    if not (math.isfinite(ci_low) and math.isfinite(ci_high)):
        return math.inf
    z = norm.ppf(1 - (1 - confidence) / 2)
    return float((z + norm.ppf(power)) * (ci_high - ci_low) / (2 * z))
