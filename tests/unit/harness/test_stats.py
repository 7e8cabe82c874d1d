"""The comparison statistics (harness/stats) against scipy's own values, published examples
and brute force: a release and a gate against a baseline both rest on them."""
import math

import numpy as np
import pytest
from scipy.stats import fisher_exact, mannwhitneyu, norm

from harness.stats import power, proportions, shift
from harness.stats.comparison import OK, UNDERPOWERED, WORSE, verdict


def test_the_error_test_is_scipys_fisher_exact():
    found = proportions.compare("errors", 9, 200, 4, 2000, tolerance=0.01)
    assert found.p_value == pytest.approx(fisher_exact([[9, 191], [4, 1996]])[1])
    assert found.effect == pytest.approx(9 / 200 - 4 / 2000)


def test_newcombes_interval_matches_his_published_example():
    # Newcombe (1998), Statistics in Medicine 17, table II: 56/70 against 48/80, method 10.
    low, high = proportions.newcombe(56, 70, 48, 80, 0.95)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def brute_hodges_lehmann(c, r):
    """The median of every pairwise difference, computed the long way."""
    return float(np.median(np.subtract.outer(c, r)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_shift_is_the_median_of_the_pairwise_differences(seed):
    rng = np.random.default_rng(seed)
    c, r = rng.lognormal(2, 0.4, 61) + 3, rng.lognormal(2, 0.4, 83)
    low, estimate, high = shift.hodges_lehmann(c, r, 0.95)
    differences = np.sort(np.subtract.outer(c, r).ravel())
    assert abs(estimate - brute_hodges_lehmann(c, r)) <= max(
        shift.SHIFT_RESOLUTION, float(np.max(np.diff(differences[len(differences) // 2 - 1:
                                                                 len(differences) // 2 + 2]))))
    # Lehmann's interval: the k-th smallest and largest differences, k from U's normal law.
    m, n = len(c), len(r)
    k = int(math.floor(m * n / 2 - norm.ppf(0.975) * math.sqrt(m * n * (m + n + 1) / 12)))
    step = shift.SHIFT_RESOLUTION  # scipy corrects for continuity: an order statistic or two
    assert differences[k - 3] - step <= low <= differences[k + 1] + step
    assert differences[-k - 2] - step <= high <= differences[-k + 2] + step


def test_the_interval_is_where_scipys_test_stops_rejecting():
    rng = np.random.default_rng(7)
    c, r = rng.normal(25, 5, 150), rng.normal(20, 5, 400)
    low, _, high = shift.hodges_lehmann(c, r, 0.95)
    p = lambda d: mannwhitneyu(c - d, r, method="asymptotic").pvalue  # noqa: E731
    assert p(low - 0.1) < 0.05 <= p(low + 0.1)
    assert p(high + 0.1) < 0.05 <= p(high - 0.1)


def test_a_shift_of_the_detectable_size_is_detected_with_the_stated_power():
    rng = np.random.default_rng(11)
    base = rng.normal(50, 10, (2, 120))
    mde = shift.compare("latency", base[0], base[1], tolerance=1).mde
    hits = sum(mannwhitneyu(rng.normal(50 + mde, 10, 120), rng.normal(50, 10, 120)).pvalue < 0.05
               for _ in range(300))
    assert 0.70 <= hits / 300 <= 0.90


def test_an_increase_of_the_detectable_size_is_detected_with_the_stated_power():
    rng = np.random.default_rng(5)
    base, n = 0.2, 400
    mde = power.proportion_mde(base, n, n, 0.05, 0.8)
    hits = sum(fisher_exact([[k1, n - k1], [k2, n - k2]])[1] < 0.05
               for k1, k2 in zip(rng.binomial(n, base + mde, 300), rng.binomial(n, base, 300)))
    assert 0.70 <= hits / 300 <= 0.90


def test_the_detectable_effect_shrinks_with_the_sample_and_is_infinite_without_one():
    small, large = (power.proportion_mde(0.01, n, 10 * n, 0.05, 0.8) for n in (100, 10000))
    assert large < small
    assert power.proportion_mde(0.01, 0, 100, 0.05, 0.8) == math.inf
    assert proportions.compare("errors", 0, 0, 1, 100, 0.01).verdict == "no data"


@pytest.mark.parametrize("effect, p, mde, expected", [
    (40.0, 1e-9, 2.0, WORSE),          # significant and beyond the tolerance
    (3.0, 1e-9, 2.0, OK),               # significant, but within the tolerance of 10
    (0.5, 0.6, 4.0, OK),                # nothing seen, and it could have been
    (0.5, 0.6, 25.0, UNDERPOWERED),     # nothing seen, but it could not have been
    (40.0, 0.2, 80.0, UNDERPOWERED),    # large but not significant: too few samples
])
def test_verdicts(effect, p, mde, expected):
    assert verdict(effect, p, mde, 10.0, 0.05)[0] == expected
