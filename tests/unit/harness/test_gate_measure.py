"""SLIs over an exact window: counts from raw samples, resets, series born in the window."""
import pytest
from prometheus_api_client import PrometheusApiClientException

from harness.slo import loader, measure


class FakePrometheus:
    """Answers instant queries from a table of (query, time) -> result; records the queries."""

    def __init__(self, answers):
        self.answers, self.asked = answers, []

    def custom_query(self, query, params=None):
        self.asked.append((query, params["time"]))
        for (text, at), result in self.answers.items():
            if text == query and (at is None or at == params["time"]):
                return result
        if "[" in query:
            return []
        raise PrometheusApiClientException(f"unexpected query {query}")


def vector(*series):
    return [{"metric": labels, "value": [0, str(value)]} for labels, value in series]


def matrix(*series):
    return [{"metric": labels, "values": [[i, str(v)] for i, v in enumerate(values)]}
            for labels, values in series]


@pytest.mark.parametrize("base, values, expected", [
    (10, [12, 15, 15], 5),
    (None, [3, 7], 7),          # born inside the window: counts from zero
    (10, [14, 2, 5], 9),        # a reset: 4 before it, 5 after it
    (10, [], 0),
])
def test_a_series_increase(base, values, expected):
    assert measure.series_increase(base, values) == expected


def test_increase_sums_series_matching_base_values_by_labels():
    ok, bad = {"code": "2"}, {"code": "5"}
    client = FakePrometheus({
        ("rq{}", "100.000"): vector((ok, 40)),
        ("rq{}[60000ms]", "160.000"): matrix((ok, [45, 50]), (bad, [2, 3])),
    })
    assert measure.increase(client, "rq{}", 100.0, 160.0) == 10 + 3


def test_a_latency_objective_counts_the_threshold_bucket_and_reads_percentiles():
    api = next(o for o in loader.load_dir() if o.sli.latency is not None)
    good, total = (s.render() for s in api.sli.selectors())
    client = FakePrometheus({
        (good, "0.000"): [], (total, "0.000"): [],
        (f"{good}[10000ms]", "10.000"): matrix(({}, [90, 190])),
        (f"{total}[10000ms]", "10.000"): matrix(({}, [100, 200])),
    })
    for name, q in measure.QUANTILES.items():
        promql = (f"histogram_quantile({q}, sum by (le) (increase({api.sli.latency.histogram}"
                  f"_bucket{api.sli.latency.selector}[10000ms])))")
        client.answers[(promql, "10.000")] = vector(({}, {"p50": 4, "p95": 40, "p99": "NaN"}[name]))
    result = measure.measure(client, api, 0.0, 10.0)
    assert (result.good, result.total, result.ratio) == (190, 200, 0.95)
    assert result.percentiles_ms == {"p50": 4.0, "p95": 40.0, "p99": None}


def test_no_events_no_ratio():
    assert measure.Measurement(0, 0).ratio is None


def test_a_failing_query_is_named():
    with pytest.raises(measure.MeasureError, match="nope"):
        measure.query(FakePrometheus({}), "nope", 1.0)


def test_the_final_scrape_is_awaited_until_every_target_is_past_the_settle_time(monkeypatch):
    times = iter([103.0, 104.0, 105.5])
    client = FakePrometheus({})
    client.custom_query = lambda q, params=None: vector(({}, next(times)))
    monkeypatch.setattr(measure.time, "time", lambda: 106.0)
    assert measure.wait_for_final_scrape(client, end=100.0, timeout=5, settle_s=5) == 106.0


def test_a_final_scrape_that_never_comes_is_a_measure_error():
    client = FakePrometheus({})
    client.custom_query = lambda q, params=None: vector(({}, 1.0))
    with pytest.raises(measure.MeasureError, match="did not happen"):
        measure.wait_for_final_scrape(client, end=100.0, timeout=0.3, settle_s=1)
