"""`astroshop bench --check`: every target of TARGETS held against the report, floors and
ceilings alike; a target missed, or never measured, exits 1 (the measuring itself faked)."""
import json

import pytest
from click.testing import CliRunner

from harness.bench.targets import TARGETS, Target, misses
from harness.cli import main
from harness.commands import bench as bench_command


def report_within(targets: dict[str, Target]) -> dict:
    """A bench report meeting every target exactly at its bound."""
    throughput = {f"pair of {key}": {"ratio": t.limit, "target": key, "sides": {}}
                  for key, t in targets.items() if t.at_least}
    figures = {key: t.limit for key, t in targets.items() if not t.at_least}
    return {"throughput": throughput, **figures, "pss_mb": 700.0}


def test_a_report_at_every_bound_misses_nothing():
    assert misses(report_within(TARGETS)) == []


@pytest.mark.parametrize("key", sorted(TARGETS))
def test_each_target_missed_by_a_little_is_named(key):
    report, target = report_within(TARGETS), TARGETS[key]
    worse = target.limit * (0.99 if target.at_least else 1.01)
    if target.at_least:
        report["throughput"][f"pair of {key}"]["ratio"] = worse
    else:
        report[key] = worse
    [line] = misses(report)
    assert f"= {worse:g}, target {target.shown()}" in line


def test_a_target_nothing_measured_is_a_miss_and_an_unknown_one_too():
    report = report_within(TARGETS)
    del report["rss_mb"]
    report["throughput"]["new pair"] = {"ratio": 2.0, "target": "warp_ratio", "sides": {}}
    assert misses(report) == ["new pair: ratio: no target called 'warp_ratio'",
                              "rss_mb: not measured (target <= 1024)"]


def test_a_new_target_is_checked_with_no_other_change():
    targets = {**TARGETS, "p99_ms": Target(50.0, at_least=False)}
    report = {**report_within(TARGETS), "p99_ms": 51.0}
    assert misses(report, targets) == ["p99_ms = 51, target <= 50"]


@pytest.mark.parametrize("args, rss, code", [(["--check"], 1024.0, 0), (["--check"], 1100.0, 1),
                                             ([], 1100.0, 0)])
def test_check_exits_1_only_when_asked_and_a_target_is_missed(monkeypatch, args, rss, code):
    report = {**report_within(TARGETS), "rss_mb": rss}
    monkeypatch.setattr(bench_command, "measure_stack", lambda *_: dict(report))
    result = CliRunner().invoke(main, ["bench", "--json", *args])
    assert result.exit_code == code, result.output
    assert json.loads(result.output[:result.output.rindex("}") + 1])["targets"]["rss_mb"] == {
        "limit": 1024.0, "at_least": False}
    assert ("rss_mb = 1100, target <= 1024" in result.output) == (code == 1)
