"""A step's decision: roll back on any worse test, go on when errors and latency could have
seen the tolerated worsening and did not, else extend the step up to the policy's limit and
then stop as inconclusive; and the two tests a step always runs, fed from its evidence."""
import pytest

from harness.envoy.attempts import Attempts
from harness.release import analysis
from harness.release.analysis import Evidence, decide
from harness.release.policy import ReleasePolicy
from harness.release.result import EXTEND, GO_ON, ROLL_BACK, STOP
from harness.release.samples import Request
from harness.stats.comparison import NO_DATA, OK, UNDERPOWERED, WORSE, Comparison

POLICY = ReleasePolicy(max_extensions=2)


def judged(name: str, verdict: str, mde: float | None = 0.01) -> Comparison:
    """A comparison that found `verdict` (the decision reads only the verdict and the mde)."""
    return Comparison(name=name, test="t", unit="u", candidate_n=100, reference_n=100,
                      candidate_value=0.0, reference_value=0.0, effect=0.0, ci_low=0.0,
                      ci_high=0.0, confidence=0.95, p_value=0.5, mde=mde, power=0.8,
                      tolerance=0.02, verdict=verdict, reason=f"{name} was {verdict}")


@pytest.mark.parametrize("errors, latency, objective", [
    (WORSE, OK, OK), (OK, WORSE, OK), (OK, OK, WORSE),
    (WORSE, UNDERPOWERED, OK),   # worse wins over a weak sample elsewhere
    (UNDERPOWERED, NO_DATA, WORSE),
])
def test_any_worse_test_rolls_back_and_says_which(errors, latency, objective):
    decision, reason = decide(judged("errors", errors), judged("latency", latency),
                              [judged("objective x", objective)], 1, POLICY)
    assert decision == ROLL_BACK
    assert all((f"{name} was worse" in reason) == (verdict == WORSE) for name, verdict in
               (("errors", errors), ("latency", latency), ("objective x", objective)))


def test_errors_and_latency_ok_go_on_stating_what_they_could_have_seen():
    decision, reason = decide(judged("errors", OK, 0.0123), judged("latency", OK, 4.56),
                              [judged("objective x", UNDERPOWERED)], 1, POLICY)
    assert decision == GO_ON  # an underpowered objective is reported, not waited for
    assert "1.23%" in reason and "4.6 ms" in reason


@pytest.mark.parametrize("errors, latency", [(UNDERPOWERED, OK), (OK, UNDERPOWERED),
                                             (NO_DATA, OK), (OK, NO_DATA)])
@pytest.mark.parametrize("attempt, expected", [(1, EXTEND), (2, EXTEND), (3, STOP), (4, STOP)])
def test_a_weak_sample_extends_the_step_up_to_the_limit_then_stops(errors, latency, attempt,
                                                                   expected):
    decision, reason = decide(judged("errors", errors), judged("latency", latency),
                              [], attempt, POLICY)
    assert decision == expected
    assert ("2 extension(s)" in reason) == (expected == STOP)


def test_without_extensions_a_weak_sample_stops_at_once():
    decision, _ = decide(judged("errors", UNDERPOWERED), judged("latency", OK), [],
                         1, ReleasePolicy(max_extensions=0))
    assert decision == STOP


def request(cluster: str, ms: float) -> Request:
    """One request a cluster served."""
    return Request(cluster, "public", "api", 200, ms, 0.0)


def test_the_error_test_compares_each_clusters_upstream_attempts():
    seen = Evidence(Attempts(9, 200, 4, 2000), [], [])
    found = analysis.error_test(seen, POLICY)
    assert (found.candidate_n, found.reference_n) == (200, 2000)
    assert found.effect == pytest.approx(9 / 200 - 4 / 2000)
    assert found.tolerance == POLICY.errors.max_increase


def test_the_latency_tolerance_follows_stables_median():
    canary = [request("catalog-canary", 300.0 + i) for i in range(50)]
    stable = [request("catalog", 300.0 + i) for i in range(50)]
    found = analysis.latency_test(Evidence(Attempts(), canary, stable), POLICY)
    assert found.tolerance == pytest.approx(0.10 * 325.0)  # 10 % of 325 ms beats 10 ms
    assert found.effect == pytest.approx(0.0, abs=0.02) and found.verdict == OK


def test_a_slower_canary_is_worse_and_rolled_back():
    canary = [request("catalog-canary", 60.0 + i % 7) for i in range(80)]
    stable = [request("catalog", 20.0 + i % 7) for i in range(400)]
    seen = Evidence(Attempts(0, 80, 0, 400), canary, stable)
    latency = analysis.latency_test(seen, POLICY)
    assert latency.verdict == WORSE and latency.effect == pytest.approx(40.0, abs=0.02)
    assert decide(analysis.error_test(seen, POLICY), latency, [], 1, POLICY)[0] == ROLL_BACK
