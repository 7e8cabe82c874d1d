"""`astroshop report list | show | compare` over the runs in a reports folder."""
import json

import pytest
from click.testing import CliRunner

from harness.commands.report import report
from harness.report import listing
from tests.unit.harness.report_sample import SAMPLE_GATE


@pytest.fixture
def reports(tmp_path, monkeypatch):
    monkeypatch.setenv("ASTROSHOP_REPORTS_DIR", str(tmp_path))
    first = {**SAMPLE_GATE, "run_id": "20260101-000000-gate-aaaa"}
    second = json.loads(json.dumps(SAMPLE_GATE))
    second["run_id"] = "20260102-000000-gate-bbbb"
    second["objectives"][0]["percentiles_ms"]["p95"] = 1280.0
    for gate in (first, second):
        (tmp_path / gate["run_id"]).mkdir()
        (tmp_path / gate["run_id"] / "gate.json").write_text(json.dumps(gate))
    load = tmp_path / "20260103-000000-load-cccc"
    load.mkdir()
    (load / "load.json").write_text(json.dumps({"run_id": load.name, "kind": "load",
                                                "profile": "stress", "locust": None}))
    (tmp_path / "README.md").write_text("not a run")
    return tmp_path


def test_runs_are_listed_newest_first(reports):
    rows = [listing.row(run) for run in listing.runs()]
    assert [r["run_id"] for r in rows] == ["20260103-000000-load-cccc",
                                           "20260102-000000-gate-bbbb",
                                           "20260101-000000-gate-aaaa"]
    assert rows[1]["verdict"] == "fail" and rows[1]["seconds"] == 45.0


def test_compare_shows_the_p95_change(reports):
    rows = listing.compare(listing.read_run("20260101-000000-gate-aaaa"),
                           listing.read_run("20260102-000000-gate-bbbb"))
    assert rows[0]["objective"] == "storefront-latency"
    assert rows[0]["p95_change"] == pytest.approx(1.0)
    assert rows[1]["p95_change"] is None


def test_the_commands(reports):
    runner = CliRunner()
    listed = runner.invoke(report, ["list"], terminal_width=200)
    assert listed.exit_code == 0 and "20260102-000000-gate-bbbb" in listed.output
    shown = runner.invoke(report, ["show", "20260101-000000-gate-aaaa"], terminal_width=200)
    assert shown.exit_code == 0 and "storefront-latency" in shown.output
    compared = runner.invoke(report, ["compare", "20260101-000000-gate-aaaa",
                                      "20260102-000000-gate-bbbb"], terminal_width=200)
    assert compared.exit_code == 0 and "+100%" in compared.output


def test_an_unknown_run_exits_2_pointing_at_the_listing(reports):
    result = CliRunner().invoke(report, ["show", "nope"], terminal_width=200)
    assert result.exit_code == 2 and "report list" in result.output


def test_the_commands_answer_in_json(reports):
    runner = CliRunner()
    listed = json.loads(runner.invoke(report, ["list", "--json"]).stdout)
    assert [row["run_id"] for row in listed][:2] == ["20260103-000000-load-cccc",
                                                      "20260102-000000-gate-bbbb"]
    shown = json.loads(runner.invoke(report, ["show", "20260101-000000-gate-aaaa",
                                              "--json"]).stdout)
    assert shown["verdict"]["status"] == "fail" and shown["folder"].endswith("gate-aaaa")
    compared = json.loads(runner.invoke(report, ["compare", "20260101-000000-gate-aaaa",
                                                 "20260102-000000-gate-bbbb", "--json"]).stdout)
    assert compared[0]["objective"] == "storefront-latency" and compared[0]["p95_change"] == 1.0
