"""Locust's numbers beside each objective of the shipped spec."""
from collections import Counter

import pytest

from harness.gate.crosscheck import crosscheck, percentile
from harness.load.naming import groups_of
from harness.slo import loader

OBJECTIVES = {o.name: o for o in loader.load_dir()}
COUNTS = {
    "api": {"statuses": Counter({"2xx": 90, "4xx": 5, "5xx": 5}),
            "times": Counter({10: 80, 400: 15, 900: 5})},
    "checkout": {"statuses": Counter({"2xx": 19, "no response": 1}),
                 "times": Counter({60: 20})},
    "storefront": {"statuses": Counter({"2xx": 100}), "times": Counter({20: 94, 350: 6})},
}


@pytest.mark.parametrize("name, groups", [
    ("edge-availability", ("checkout", "signin", "api", "storefront")),
    ("checkout-success", ("checkout",)),
    ("signin-success", ("signin",)),
    ("storefront-latency", ("storefront",)),
    ("api-latency", ("api",)),
    ("catalog-availability", ()),
])
def test_each_objective_maps_to_the_edge_classes_it_measures(name, groups):
    assert groups_of(OBJECTIVES[name]) == groups


def test_latency_objectives_get_the_share_under_their_threshold():
    result = crosscheck(OBJECTIVES["storefront-latency"], COUNTS)
    assert result == {"classes": ["storefront"], "requests": 100, "good_ratio": 0.94,
                      "p95_ms": 350.0}


def test_availability_counts_5xx_and_lost_responses_as_bad():
    edge = crosscheck(OBJECTIVES["edge-availability"], COUNTS)
    assert edge["requests"] == 220
    assert edge["good_ratio"] == pytest.approx(214 / 220)
    assert crosscheck(OBJECTIVES["checkout-success"], COUNTS)["good_ratio"] == 0.95


def test_service_objectives_have_no_locust_counterpart():
    assert crosscheck(OBJECTIVES["payment-availability"], COUNTS) is None


def test_percentiles_of_rounded_times():
    times = Counter({1: 50, 2: 45, 30: 5})
    assert (percentile(times, 0.5), percentile(times, 0.95), percentile(times, 0.99)) == (1, 2, 30)
    assert percentile(Counter(), 0.5) is None
