"""gate.json, junit.xml and a self-contained report.html with plots."""
import copy
import json
import re
import xml.etree.ElementTree as ET

from harness.report import junit, write
from tests.unit.harness.report_sample import SAMPLE_GATE, SAMPLE_SERIES, sample_gate


def test_junit_has_one_case_per_objective_with_failures_and_errors():
    suite = junit.document(sample_gate()).getroot()
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert list(cases) == ["storefront-latency", "checkout-success", "edge-availability"]
    assert cases["storefront-latency"].find("failure") is not None
    assert cases["checkout-success"].find("error") is not None
    assert cases["edge-availability"].find("failure") is None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")


def test_a_gate_that_judged_nothing_is_one_error_with_the_reason():
    gate = sample_gate(objectives=[],
                       verdict={"status": "cannot judge", "exit_code": 3, "score": None,
                                "reasons": ["Prometheus at http://x is unreachable"]})
    error = junit.document(gate).getroot().find("testcase/error")
    assert "unreachable" in error.text


def test_the_report_is_one_page_with_inline_plots_and_the_baseline(tmp_path):
    baseline = copy.deepcopy(SAMPLE_SERIES)
    page_path = write.write_all(tmp_path, sample_gate(), SAMPLE_SERIES, baseline)
    page = page_path.read_text()
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,', page)
    assert "Requests per second at the edge" in images
    assert "storefront-latency: p50 / p95 / p99 latency" in images
    assert any(title.startswith("Per service") for title in images)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "storefront-latency" in page and "&lt;script&gt;" in page
    assert "20251231-000000-gate-0000" in page
    assert json.loads((tmp_path / "gate.json").read_text())["run_id"] == SAMPLE_GATE["run_id"]
    assert write.read_series(tmp_path) == json.loads(json.dumps(SAMPLE_SERIES))
    ET.parse(tmp_path / "junit.xml")


def test_a_report_without_measurements_still_renders(tmp_path):
    gate = sample_gate(objectives=[], services=[], locust=None, window=None)
    page = write.write_all(tmp_path, gate).read_text()
    assert "cannot" in page or "fail" in page
    assert "<img" not in page


def test_a_breakpoint_run_shows_its_stages_and_the_highest_that_held(tmp_path):
    stage = {"stage": 1, "users": 12, "planned_rate": 12.0, "seconds": 30.0, "rates": {},
             "requests/s": 21.5, "checkouts/s": 1.25, "failed": [], "unjudged": []}
    broke = {**stage, "stage": 2, "users": 18, "failed": ["api-latency"]}
    gate = sample_gate(breakpoint={"stages": [stage, broke], "held": stage, "broke": broke,
                                   "stopped_early": ""})
    page = write.write_all(tmp_path, gate).read_text()
    assert "Highest stage that held: 12 users,\n 21.50 requests/s and 1.25 checkouts/s" in page
    assert "Broke at 18 users: api-latency" in page
