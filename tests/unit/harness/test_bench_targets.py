"""`astroshop bench --check`: every target of TARGETS held against the report, floors and
ceilings alike; a target missed, or never measured, exits 1 (the measuring itself faked)."""
import json

import pytest
from click.testing import CliRunner

from harness.bench.targets import TARGETS, Target, misses
from harness.cli import main
from harness.commands import bench as bench_command

RATIOS = {"products_vs_hello", "page_vs_hello", "envoy_ratio", "https_ratio", "cached_vs_hello"}


def report_within(targets: dict[str, Target]) -> dict:
    """A bench report meeting every target exactly at its bound: ratios as comparisons, every
    other target as a top-level figure."""
    throughput = {f"pair of {key}": {"ratio": t.limit, "target": key, "sides": {}}
                  for key, t in targets.items() if key in RATIOS}
    figures = {key: t.limit for key, t in targets.items() if key not in RATIOS}
    return {"throughput": throughput, **figures}


def test_issue_18s_targets_are_the_ones_checked():
    assert {key: (t.limit, t.at_least) for key, t in TARGETS.items()
            if key not in ("envoy_ratio", "https_ratio", "cached_vs_hello")} == {
        "products_vs_hello": (0.7, True), "page_vs_hello": (0.25, True),
        "rss_mb": (1024.0, False), "pss_mb": (650.0, False), "cold_start_s": (3.0, False),
        "breakpoint_users": (30, True)}


def test_a_report_at_every_bound_misses_nothing():
    assert misses(report_within(TARGETS)) == []


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_each_target_missed_by_a_little_is_named(key):
    report, target = report_within(TARGETS), TARGETS[key]
    worse = target.limit * (0.99 if target.at_least else 1.01)
    if key in RATIOS:
        report["throughput"][f"pair of {key}"]["ratio"] = worse
    else:
        report[key] = worse
    [line] = misses(report)
    assert f"= {worse:g}, target {target.shown()}" in line


def test_a_target_nothing_measured_is_a_miss_and_an_unknown_one_too():
    report = report_within(TARGETS)
    del report["breakpoint_users"]
    report["throughput"]["new pair"] = {"ratio": 2.0, "target": "warp_ratio", "sides": {}}
    assert misses(report) == ["new pair: ratio: no target called 'warp_ratio'",
                              "breakpoint_users: not measured (target >= 30)"]


def test_a_new_target_is_checked_with_no_other_change():
    targets = {**TARGETS, "p99_ms": Target(50.0, at_least=False)}
    report = {**report_within(TARGETS), "p99_ms": 51.0}
    assert misses(report, targets) == ["p99_ms = 51, target <= 50"]


@pytest.mark.parametrize("args, pss, code", [(["--check"], 650.0, 0), (["--check"], 651.5, 1),
                                             ([], 651.5, 0)])
def test_check_exits_1_only_when_asked_and_a_target_is_missed(monkeypatch, args, pss, code):
    report = {**report_within(TARGETS), "pss_mb": pss}
    monkeypatch.setattr(bench_command, "measure_stack", lambda *_: dict(report))
    result = CliRunner().invoke(main, ["bench", "--json", *args])
    assert result.exit_code == code, result.output
    assert json.loads(result.stdout)["targets"]["pss_mb"] == {"limit": 650.0, "at_least": False}
    assert ("pss_mb = 651.5, target <= 650" in result.output) == (code == 1)
