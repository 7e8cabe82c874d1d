"""Judging objectives and the gate: targets, warnings, too few events, baselines, scores."""
import numpy as np
import pytest

from harness.gate.judge import judge
from harness.gate.policy import GatePolicy
from harness.gate.verdict import decide, score
from harness.gateresult import CANNOT_JUDGE, FAIL, PASS, WARNING
from harness.slo.measure import Measurement
from harness.slo.spec import Objective

POLICY = GatePolicy()


def objective(name="api", target=0.99, key=False, weight=1.0, min_events=100, latency=True):
    sli = ({"latency": {"histogram": "rq_time", "threshold_ms": 500, "unit": "ms"}} if latency
           else {"good": 'rq{code!="5"}', "total": "rq"})
    return Objective(name=name, description="d", sli=sli, target=target, key=key,
                     weight=weight, min_events=min_events)


@pytest.mark.parametrize("good, total, status", [
    (1000, 1000, PASS),
    (995, 1000, PASS),        # half the budget spent
    (991, 1000, WARNING),     # 90% of the budget spent
    (989, 1000, FAIL),
    (99, 99, CANNOT_JUDGE),   # one event short of min_events
    (0, 0, CANNOT_JUDGE),
])
def test_an_objective_against_its_target(good, total, status):
    result = judge(objective(), Measurement(good, total), POLICY)
    assert result.status == status
    assert result.checks[0].name == "target"


def test_too_few_events_says_how_many_were_needed():
    result = judge(objective(min_events=20), Measurement(5, 5), POLICY)
    assert "only 5 events" in result.checks[0].detail and "at least 20" in result.checks[0].detail


@pytest.mark.parametrize("before, now, status", [
    (20.0, 40.0, FAIL),      # doubled
    (20.0, 21.9, PASS),      # under 10% worse
    (100.0, 111.0, FAIL),    # over 10% worse
    (2.0, 6.0, PASS),        # tripled, but within the 5 ms noise floor
    (20.0, 10.0, PASS),      # better
])
def test_p95_against_the_baseline(before, now, status):
    baseline = judge(objective(), Measurement(1000, 1000, {"p95": before}), POLICY)
    result = judge(objective(), Measurement(1000, 1000, {"p95": now}), POLICY, baseline)
    check = result.checks[1]
    assert (check.name, check.status, result.status) == ("baseline p95", status, status)


def test_no_baseline_comparison_without_enough_events():
    baseline = judge(objective(), Measurement(1000, 1000, {"p95": 1.0}), POLICY)
    result = judge(objective(), Measurement(5, 5, {"p95": 100.0}), POLICY, baseline)
    assert [c.name for c in result.checks] == ["target"]
    assert result.status == CANNOT_JUDGE


def results(*spec):
    """Objective results from (status-making good count, key, weight) triples."""
    made = []
    for index, (good, key, weight) in enumerate(spec):
        o = objective(f"o-{index}", key=key, weight=weight)
        made.append(judge(o, Measurement(good, 1000 if good >= 0 else 0), POLICY))
    return made


def test_all_passing_passes_with_exit_0():
    verdict = decide(results((1000, True, 3), (1000, False, 1)), POLICY)
    assert (verdict.status, verdict.exit_code, verdict.score) == (PASS, 0, 1.0)


def test_a_failed_key_objective_fails_the_gate_whatever_the_score():
    verdict = decide(results((900, True, 1), *[(1000, False, 5)] * 4), POLICY)
    assert (verdict.status, verdict.exit_code) == (FAIL, 1)
    assert verdict.reasons[0].startswith("key objective o-0 failed")
    assert verdict.score == pytest.approx(20 / 21)


def test_a_failed_minor_objective_makes_a_warning_when_the_score_holds():
    verdict = decide(results((900, False, 1), *[(1000, False, 5)] * 2), POLICY)
    assert (verdict.status, verdict.exit_code) == (WARNING, 4)


def test_a_warning_exits_1_when_the_pipeline_fails_on_warnings():
    made = results((900, False, 1), *[(1000, False, 5)] * 2)
    verdict = decide(made, POLICY, fail_on=WARNING)
    assert (verdict.status, verdict.exit_code) == (WARNING, 1)
    assert decide(results((1000, False, 1)), POLICY, fail_on=WARNING).exit_code == 0
    assert decide(results((900, True, 1)), POLICY, fail_on=WARNING).exit_code == 1


def test_a_score_under_the_warning_threshold_fails():
    verdict = decide(results((900, False, 1), (900, False, 1), (1000, False, 1)), POLICY)
    assert (verdict.status, verdict.exit_code) == (FAIL, 1)
    assert "score 33%" in verdict.reasons[0]


def test_missing_data_is_never_a_pass():
    verdict = decide(results((1000, True, 1), (-1, False, 1)), POLICY)
    assert (verdict.status, verdict.exit_code) == (CANNOT_JUDGE, 3)
    assert "cannot be judged" in verdict.reasons[0]


def test_a_failure_outranks_missing_data():
    verdict = decide(results((900, True, 1), (-1, False, 1)), POLICY)
    assert verdict.exit_code == 1


def test_warnings_score_half():
    made = results((991, False, 1), (1000, False, 1))
    assert score(made) == pytest.approx(0.75)
    assert decide(made, POLICY).status == WARNING


def test_no_objectives_cannot_be_judged():
    assert decide([], POLICY).exit_code == 3


@pytest.mark.parametrize("fields", [{"warning_budget_share": 0}, {"pass_score": 0.5},
                                    {"max_p95_increase": -0.1}])
def test_a_policy_that_makes_no_sense_is_refused(fields):
    with pytest.raises(ValueError):
        GatePolicy(**fields)


def class_objective():
    """An API latency objective on its virtual cluster, as slo/edge.yaml writes it."""
    return Objective(name="api-latency", description="d", target=0.99, sli={"latency": {
        "histogram": "rq_time", "selector": '{envoy_virtual_cluster="api"}',
        "threshold_ms": 500, "unit": "ms"}})


def baseline_checks(now, before):
    """The checks of a clean run against a baseline, given both runs' API durations."""
    o = class_objective()
    baseline = judge(o, Measurement(1000, 1000, {"p95": 30.0}), POLICY)
    result = judge(o, Measurement(1000, 1000, {"p95": 30.0}), POLICY, baseline,
                   samples=({"api": now}, {"api": before}))
    return {check.name: check for check in result.checks}


def test_the_baseline_latency_check_is_a_mann_whitney_test_that_states_its_power():
    rng = np.random.default_rng(3)
    before = list(rng.lognormal(3.0, 0.3, 400))
    slower = baseline_checks([v * 2 for v in rng.lognormal(3.0, 0.3, 400)], before)
    check = slower["baseline latency"]
    assert check.status == FAIL and check.comparison.effect > 10
    assert "could have seen" in check.detail
    same = baseline_checks(list(rng.lognormal(3.0, 0.3, 400)), before)["baseline latency"]
    assert same.status == PASS and same.comparison.detectable
    few = baseline_checks([18.0, 20.0, 22.0], before)["baseline latency"]
    assert few.status == PASS and "could NOT have seen" in few.detail


def test_the_baseline_bad_events_check_is_fishers_test_against_the_budget():
    o = objective(latency=False, target=0.99)
    baseline = judge(o, Measurement(1000, 1000), POLICY)
    worse = judge(o, Measurement(960, 1000), POLICY, baseline)
    check = next(c for c in worse.checks if c.name == "baseline bad events")
    assert check.status == FAIL and check.comparison.p_value < 0.05
    same = judge(o, Measurement(999, 1000), POLICY, baseline)
    assert next(c for c in same.checks if c.name == "baseline bad events").status == PASS


def test_a_slower_tail_fails_the_baseline_tail_check_when_the_median_hardly_moves():
    rng = np.random.default_rng(8)
    before = list(rng.lognormal(3.0, 0.3, 600))
    now = [v + (300 if i % 4 == 0 else 0) for i, v in enumerate(rng.lognormal(3.0, 0.3, 600))]
    checks = baseline_checks(now, before)
    tail = checks["baseline tail"]
    assert tail.status == FAIL and tail.comparison.candidate_value > 0.2
    assert tail.comparison.reference_value <= 0.05
    same = baseline_checks(list(rng.lognormal(3.0, 0.3, 600)), before)["baseline tail"]
    assert same.status == PASS
