"""Rules that scale: no rule reads more than an hour of a raw series; longer windows come
from the recorded short-window rates, walked expression by expression with promql-parser."""
from datetime import timedelta

import promql_parser
import pytest

from harness.slo import derived, loader, rules

RAW_LIMIT = timedelta(hours=1)
RECORDED_PREFIX = "slo:"


def ranges(expr: str) -> list[tuple[str, timedelta]]:
    """Every series read over a range: (name, range), from range selectors and subqueries."""
    found, subqueries = [], []

    def enter(node) -> None:
        if isinstance(node, promql_parser.SubqueryExpr):
            subqueries.append(node.range)
        elif isinstance(node, promql_parser.MatrixSelector):
            found.append((node.vector_selector.name, node.range))
        elif isinstance(node, promql_parser.VectorSelector) and subqueries:
            found.append((node.name, max(subqueries)))

    def leave(node) -> None:
        if isinstance(node, promql_parser.SubqueryExpr):
            subqueries.pop()

    promql_parser.walk(promql_parser.parse(expr), enter, leave)
    return found


def long_raw_ranges(content: dict) -> list[str]:
    """'group: expr' of every rule reading over an hour of a series no rule records."""
    recorded = {rule["record"] for group in content["groups"] for rule in group["rules"]
                if "record" in rule}
    return [f"{group['name']}: {name}[{span}]"
            for group in content["groups"] for rule in group["rules"]
            for name, span in ranges(rule["expr"])
            if span > RAW_LIMIT and name not in recorded]


@pytest.mark.parametrize("short_window", [False, True], ids=["standard", "short-window"])
def test_no_rule_reads_more_than_an_hour_of_a_raw_series(short_window):
    content = rules.render(loader.load_dir(), short_window)
    assert long_raw_ranges(content) == []
    longest = max(span for group in content["groups"] for rule in group["rules"]
                  for name, span in ranges(rule["expr"]) if name in (derived.BAD_RATE,
                                                                     derived.TOTAL_RATE))
    assert longest == (timedelta(hours=12) if short_window else timedelta(days=30))


def test_the_walk_catches_a_raw_multi_day_rate():
    content = {"groups": [{"name": "g", "rules": [
        {"record": "slo:x", "expr": "sum(rate(envoy_rq_total[5m]))"},
        {"record": "slo:y", "expr": "sum_over_time(slo:x[3d]) / sum(rate(envoy_rq_total[3d]))"},
        {"record": "slo:z", "expr": "max_over_time(up[2h:1m])"}]}]}
    assert long_raw_ranges(content) == ["g: envoy_rq_total[3 days, 0:00:00]",
                                        "g: up[2:00:00]"]
    assert ranges("sum_over_time(slo:x[3d])") == [("slo:x", timedelta(days=3))]
