"""The matrix's journal, outcomes and reports (detection.json, detection.html)."""
import json

import pytest

from harness.faults.catalogue import by_name
from harness.faults.matrix import events, report
from harness.faults.matrix.outcome import Outcome, summary


def finished(name: str, detect: float | None, recover: float | None,
             notify: float | None = None) -> dict:
    """A recorded outcome of `name` with these times (None: not seen; an alert-detected fault
    notified a second after it was detected unless told)."""
    outcome = Outcome.of(by_name(name))
    outcome.detected, outcome.time_to_detect_s = detect is not None, detect
    if notify is None and detect is not None and outcome.via == "alert":
        notify = detect + 1
    outcome.time_to_notify_s = notify
    outcome.detected_on = outcome.objective if detect is not None else None
    outcome.recovered, outcome.time_to_recover_s = recover is not None, recover
    return outcome.as_dict()


def test_the_journal_keeps_events_in_order_and_ignores_a_line_being_written(tmp_path):
    events.record(tmp_path, "cartKilled", "started")
    events.record(tmp_path, "cartKilled", "injected", command="kill cart --stay-down")
    with open(events.path(tmp_path), "a") as out:
        out.write('{"t": 1, "fault": "cartKil')
    read = events.read(tmp_path)
    assert [e["phase"] for e in read] == ["started", "injected"]
    assert read[1]["command"] == "kill cart --stay-down"
    assert events.latest(tmp_path)["cartKilled"]["phase"] == "injected"


def test_selected_names_come_from_the_environment():
    assert events.selected_names({events.ONLY_VAR: "a, b,"}) == ["a", "b"]
    assert events.selected_names({}) is None


@pytest.mark.parametrize("detect, recover, passed", [
    (10.0, 60.0, True), (None, 60.0, False), (10.0, None, False), (121.0, 60.0, False),
    (10.0, 181.0, False)])
def test_an_outcome_passes_only_when_detected_and_recovered_within_both_limits(
        detect, recover, passed):
    row = finished("cartFailure", detect, recover)
    assert row["passed"] is passed
    assert row["signal"] == "a burn-rate page on cart-availability reaches the receiver"


def test_an_alert_notified_after_the_limit_is_not_detected_in_time():
    assert not finished("cartFailure", 100.0, 60.0, notify=121.0)["passed"]
    assert finished("cartFailure", 100.0, 60.0, notify=119.0)["passed"]
    assert finished("catalogDelay", 30.0, 60.0)["passed"]  # a gate fault need not page


def test_a_signal_on_another_objective_is_not_a_detection():
    outcome = Outcome.of(by_name("catalogDelay"))
    outcome.detected, outcome.detected_on, outcome.time_to_detect_s = True, "api-latency", 5.0
    outcome.recovered, outcome.time_to_recover_s = True, 5.0
    assert not outcome.passed
    outcome.detected_on = "storefront-latency"
    assert outcome.passed


def test_the_gate_signal_reads_as_such():
    assert Outcome.of(by_name("catalogDelay")).signal == "the gate fails on storefront-latency"


def test_reports_have_a_row_for_every_fault_finished_stopped_or_never_run(tmp_path):
    events.record(tmp_path, "cartKilled", events.RESULT,
                  outcome=finished("cartKilled", 12.5, 70.0))
    events.record(tmp_path, "paymentAbort", "started")
    events.record(tmp_path, "paymentAbort", "injected")
    content = report.write(tmp_path, ["cartKilled", "paymentAbort", "catalogDelay"])
    rows = {row["fault"]: row for row in content["outcomes"]}
    assert rows["cartKilled"]["passed"] and rows["cartKilled"]["time_to_detect_s"] == 12.5
    assert "stopped after 'injected'" in rows["paymentAbort"]["error"]
    assert rows["catalogDelay"]["error"] == "not run"
    assert content["summary"] == {"faults": 3, "detected": 1, "recovered": 1, "passed": 1}
    assert json.loads((tmp_path / "detection.json").read_text()) == content
    page = (tmp_path / "detection.html").read_text()
    assert page.count('<tr class="pass">') == 1 and page.count('<tr class="fail">') == 2
    assert "12.5 s" in page and "13.5 s" in page and 'src="data:image/png;base64,' in page
    assert "<th>time to notification</th>" in page and "no page" in page
    assert "1 of 3 faults detected and recovered in time" in page


def test_summary_counts_each_column():
    rows = [finished("cartKilled", 1.0, 2.0), finished("cartFailure", 1.0, None),
            finished("adsFailure", None, None)]
    assert summary(rows) == {"faults": 3, "detected": 2, "recovered": 1, "passed": 1}
