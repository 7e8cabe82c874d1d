"""The statistics a release step rests on, against values computed independently of the code:
published tables, small examples worked by hand, and scipy called directly."""
import math

import numpy as np
import pytest
from scipy.stats import fisher_exact, mannwhitneyu, norm

from harness.stats import power, proportions, shift
from harness.stats.comparison import OK, UNDERPOWERED, WORSE


def test_fishers_test_on_the_tea_tasting_table():
    # Fisher's lady tasting tea: 3 of 4 against 1 of 4; two-sided p = 34/70 (hypergeometric).
    found = proportions.compare("errors", 3, 4, 1, 4, tolerance=0.1)
    assert found.p_value == pytest.approx(34 / 70)
    assert found.effect == pytest.approx(0.5)


@pytest.mark.parametrize("bad_c, n_c, bad_r, n_r", [(30, 400, 10, 400), (1, 3000, 0, 5000),
                                                     (0, 50, 7, 60)])
def test_fishers_p_value_is_scipys(bad_c, n_c, bad_r, n_r):
    found = proportions.compare("errors", bad_c, n_c, bad_r, n_r, tolerance=0.01)
    expected = fisher_exact([[bad_c, n_c - bad_c], [bad_r, n_r - bad_r]])[1]
    assert found.p_value == pytest.approx(expected, rel=1e-12)


def test_wilsons_interval_is_the_closed_form():
    bad, n, z = 7, 50, norm.ppf(0.975)
    p = bad / n
    centre, half = (p + z * z / (2 * n)), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = proportions.wilson(bad, n, 0.95)
    assert (low, high) == pytest.approx(((centre - half) / (1 + z * z / n),
                                         (centre + half) / (1 + z * z / n)), abs=1e-9)


# Newcombe (1998), Statistics in Medicine 17:873-890, table II, method 10 (hybrid score).
@pytest.mark.parametrize("counts, published", [
    ((56, 70, 48, 80), (0.0524, 0.3339)), ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)), ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)), ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0)), ((10, 10, 0, 10), (0.6075, 1.0)),
])
def test_newcombes_interval_matches_his_table(counts, published):
    assert tuple(round(v, 4) for v in proportions.newcombe(*counts, 0.95)) == published


def test_mann_whitney_on_a_worked_example():
    # Every canary value above every stable one, 3 and 3: U = 9, exact two-sided p = 2 / C(6, 3).
    found = shift.compare("latency", [4.0, 5.0, 6.0], [1.0, 2.0, 3.0], tolerance=1.0)
    assert found.p_value == pytest.approx(2 / 20)
    assert mannwhitneyu([4, 5, 6], [1, 2, 3]).statistic == 9


def test_the_hodges_lehmann_shift_on_a_worked_example():
    # Differences of (10, 12, 14) and (1, 2, 3): 7 8 9 9 10 11 11 12 13, median 10.
    _, estimate, _ = shift.hodges_lehmann(np.array([10.0, 12, 14]), np.array([1.0, 2, 3]), 0.95)
    assert estimate == pytest.approx(10.0, abs=shift.SHIFT_RESOLUTION)


def test_a_constant_shift_is_found_inside_its_interval_and_scipy_agrees_on_p():
    rng = np.random.default_rng(3)
    stable = rng.lognormal(3, 0.3, 300)
    canary = rng.choice(stable, 120, replace=False) + 25.0
    found = shift.compare("latency", canary, stable, tolerance=10.0)
    assert found.ci_low < 25.0 < found.ci_high
    assert found.effect == pytest.approx(25.0, abs=2.0)
    assert found.p_value == pytest.approx(mannwhitneyu(canary, stable).pvalue, rel=1e-12)
    assert found.verdict == WORSE


def test_the_detectable_increase_worked_by_hand():
    # h = (1.95996 + 0.84162) / sqrt(500) = 0.125290; sin(asin(sqrt(0.1)) + h / 2)^2 - 0.1.
    assert power.proportion_mde(0.1, 1000, 1000, 0.05, 0.8) == pytest.approx(0.040624, abs=1e-6)


@pytest.mark.parametrize("base, n_c, n_r", [(0.1, 1000, 1000), (0.01, 200, 5000),
                                            (0.0, 80, 1500)])
def test_the_arcsine_test_has_the_stated_power_at_the_detectable_increase(base, n_c, n_r):
    mde = power.proportion_mde(base, n_c, n_r, 0.05, 0.8)
    h = 2 * math.asin(math.sqrt(base + mde)) - 2 * math.asin(math.sqrt(base))
    achieved = norm.cdf(h * math.sqrt(n_c * n_r / (n_c + n_r)) - norm.ppf(0.975))
    assert achieved == pytest.approx(0.8, abs=1e-9)


def test_the_detectable_shift_worked_by_hand():
    # An interval of -2..2 at 95 %: SE = 4 / (2 * 1.95996); (1.95996 + 0.84162) * SE = 2.85881.
    assert power.shift_mde(-2.0, 2.0, 0.95, 0.8) == pytest.approx(2.858813, abs=1e-6)
    assert power.shift_mde(-math.inf, 2.0, 0.95, 0.8) == math.inf


@pytest.mark.parametrize("n, expected", [(20, UNDERPOWERED), (20000, OK)])
def test_the_same_nothing_is_ok_only_with_a_sample_that_could_have_seen_it(n, expected):
    found = proportions.compare("errors", n // 100, n, n // 100, n, tolerance=0.02)
    assert found.verdict == expected
    assert found.detectable == (expected == OK)
