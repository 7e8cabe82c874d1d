"""The breakpoint summary: the highest stage that held before the first that broke."""
from harness.gate.breakpoint import headline_objectives, summarize
from harness.slo import loader


def stage(users, failed=(), unjudged=()):
    return {"stage": users // 6 - 1, "users": users, "planned_rate": float(users),
            "seconds": 30.0, "rates": {"edge-availability": users * 1.5},
            "failed": list(failed), "unjudged": list(unjudged)}


def test_the_last_judged_stage_before_the_break_is_the_one_that_held():
    rows = [stage(6, unjudged=["checkout-success"]), stage(12), stage(18),
            stage(24, failed=["api-latency"]), stage(30, failed=["api-latency"])]
    result = summarize(rows, "Locust's p95 was 2100 ms at 30 users")
    assert result["held"]["users"] == 18
    assert result["broke"]["users"] == 24
    assert result["stopped_early"].startswith("Locust's p95")


def test_a_stage_that_could_not_be_judged_never_holds():
    result = summarize([stage(6, unjudged=["checkout-success"]), stage(12, failed=["x"])])
    assert result["held"] is None and result["broke"]["users"] == 12


def test_an_early_failure_the_shop_recovered_from_is_not_the_breakpoint():
    rows = [stage(6, failed=["storefront-latency"]), stage(12), stage(18),
            stage(24, failed=["edge-availability"])]
    result = summarize(rows)
    assert result["held"]["users"] == 18 and result["broke"]["users"] == 24


def test_a_run_that_never_broke_held_at_its_last_stage():
    result = summarize([stage(6), stage(12)])
    assert result["held"]["users"] == 12 and result["broke"] is None


def test_the_headline_rates_come_from_the_edge_and_checkout_objectives():
    assert headline_objectives(loader.load_dir()) == {"requests/s": "edge-availability",
                                                      "checkouts/s": "checkout-success"}
