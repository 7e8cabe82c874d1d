"""The dashboard checks: counters through rate/increase, units, uids, live query results."""
from unittest import mock

import pytest
from prometheus_api_client import PrometheusApiClientException

from harness.dashboards import checks, live
from harness.dashboards.sources import Panel

ENVOY_TYPES = {"envoy_cluster_upstream_rq_retry": "counter", "up": "gauge",
               "envoy_cluster_upstream_rq_time": "histogram"}


@pytest.mark.parametrize("query, bare", [
    ("sum(rate(astroshop_http_requests_total[1m]))", []),
    ("sum(astroshop_http_requests_total)", ["astroshop_http_requests_total"]),
    ("histogram_quantile(0.9, sum by (le) (rate(x_seconds_bucket[1m])))", []),
    ("sum by (le) (x_seconds_bucket)", ["x_seconds_bucket"]),
    ("increase(envoy_cluster_upstream_rq_retry[5m])", []),
    ("envoy_cluster_upstream_rq_retry > 0", ["envoy_cluster_upstream_rq_retry"]),
    ("delta(x_total[5m])", ["x_total"]),
    ("envoy_cluster_upstream_rq_time_count", ["envoy_cluster_upstream_rq_time_count"]),
    ("sum(up) / count(up)", []),
    ('slo:sli_error:ratio{window="1h"} / on (slo) group_left () (1 - slo:objective:ratio)', []),
    ("rate(a_total[1m]) / a_total", ["a_total"]),
])
def test_counters_must_be_read_through_rate_or_increase(query, bare):
    assert checks.bare_counters(query, ENVOY_TYPES) == bare


def panel(**changes):
    fields = {"dashboard": "AstroShop / Test", "title": "Requests", "kind": "timeseries",
              "unit": "reqps", "queries": ("sum(rate(a_total[1m]))",), "legends": ("",)}
    return Panel(**{**fields, **changes})


@pytest.mark.parametrize("changes, expected", [
    ({"unit": ""}, 'dashboard "AstroShop / Test", panel "Requests": no unit set'),
    ({"unit": "none"}, "no unit set"),
    ({"queries": ("",)}, "no query"),
    ({"queries": ("sum(rate(a_total[1m])",)}, "query does not parse"),
    ({"queries": ("sum(a_total)",)}, "counter a_total read without rate()/increase()"),
    ({"title": ""}, 'dashboard "AstroShop / Test": a panel has no title'),
])
def test_panel_problems_name_the_dashboard_and_panel(changes, expected):
    problems = checks.panel_problems(panel(**changes), {})
    assert len(problems) == 1 and expected in problems[0]


def test_a_good_panel_has_no_problem():
    assert checks.panel_problems(panel(), {}) == []


def test_uids_must_exist_and_be_unique():
    models = [{"title": "A", "uid": "x"}, {"title": "B", "uid": "x"}, {"title": "C"}]
    assert checks.uid_problems(models) == ['dashboard "C": no uid',
                                           "uid 'x' is used by 2 dashboards"]


def test_titles_repeated_within_a_dashboard_are_reported():
    problems = checks.static_problems([{"title": "T", "uid": "t"}], [panel(), panel()])
    assert problems == ['dashboard "AstroShop / Test": 2 panels are titled "Requests"']


def client_answering(result=None, error=None):
    client = mock.Mock()
    client.custom_query.side_effect = error
    client.custom_query.return_value = result
    return client


@pytest.mark.parametrize("result, passes", [
    ([{"metric": {}, "value": [1, "3.5"]}], True),
    ([{"metric": {"a": "1"}, "value": [1, "NaN"]}, {"metric": {"a": "2"}, "value": [1, "0"]}],
     True),
    ([], False),
    ([{"metric": {}, "value": [1, "NaN"]}], False),
])
def test_a_query_passes_only_with_a_finite_number(result, passes):
    problem = live.query_problem(client_answering(result), panel(), "q")
    assert (problem is None) == passes
    if not passes:
        assert problem == ('dashboard "AstroShop / Test", panel "Requests": '
                           "no data (empty or only NaN): q")


def test_a_refused_query_is_reported_with_the_panel():
    error = PrometheusApiClientException("HTTP Status Code 400 (b'parse error')")
    problem = live.query_problem(client_answering(error=error), panel(), "sum(")
    assert problem.startswith('dashboard "AstroShop / Test", panel "Requests": Prometheus '
                              "refused the query (HTTP Status Code 400")


def test_run_all_counts_every_query_of_every_panel():
    client = client_answering([{"metric": {}, "value": [1, "1"]}])
    report = live.run_all(client, [panel(queries=("a", "b")), panel(title="Other")])
    assert (report.queries, report.problems) == (3, [])


def test_a_dashboard_of_a_job_this_prometheus_lacks_is_named_with_that_job():
    from harness.dashboards import sources
    models = {m["uid"]: m for m in (sources.to_json(d) for d in sources.load_all())}
    assert live.needed_jobs(models["astroshop-postgres"]) == ["postgres"]
    assert live.needed_jobs(models["astroshop-hosts"]) == ["node"]
    assert live.needed_jobs(models["astroshop-overview"]) == []
    client = mock.Mock()
    client.custom_query.side_effect = lambda q: [] if 'job="node"' in q else [{"value": [0, "1"]}]
    assert live.unscraped(client, list(models.values())) == {"astroshop-hosts": ["node"]}
