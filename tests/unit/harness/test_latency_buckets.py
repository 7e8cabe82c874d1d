"""Every latency threshold of slo/*.yaml is a bucket bound of the histogram it reads: Envoy's
(set by the model) or the services' (declared in shop/common/metrics.py); otherwise the SLI
would count a bucket that does not exist and never see a good event."""
import pytest

from harness.model.buckets import ENVOY_LATENCY_BUCKETS_MS, owner
from harness.slo.loader import load_dir
from shop.common.metrics import LATENCY_BUCKETS

BOUNDS_MS = {"envoy": set(ENVOY_LATENCY_BUCKETS_MS),
             "services": {round(bound * 1000, 6) for bound in LATENCY_BUCKETS}}
LATENCY = [objective for objective in load_dir() if objective.sli.latency is not None]


def test_there_are_latency_objectives_of_envoys_histograms():
    assert {owner(objective.sli.latency.histogram) for objective in LATENCY} >= {"envoy"}


@pytest.mark.parametrize("objective", LATENCY, ids=lambda objective: objective.name)
def test_each_latency_threshold_is_a_bucket_bound_of_its_histogram(objective):
    latency = objective.sli.latency
    bounds = BOUNDS_MS[owner(latency.histogram)]
    assert latency.threshold_ms in bounds, (
        f"{objective.name}: {latency.threshold_ms} ms is no bucket bound of "
        f"{latency.histogram} ({sorted(bounds)})")


def test_the_services_buckets_are_read_in_milliseconds():
    assert {1.0, 300.0, 500.0} <= BOUNDS_MS["services"] and 301.0 not in BOUNDS_MS["services"]


def test_a_histogram_of_neither_kind_is_refused():
    with pytest.raises(ValueError, match="neither an Envoy"):
        owner("node_disk_io_time_seconds")
