"""A fault's trial, with `astroshop fault`, the gates and Prometheus' alerts faked; the pages
are written into a real receiver store the way the receiver writes them."""
import time
from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from harness.alerting import notifications
from harness.faults.catalogue import by_name
from harness.faults.matrix import events, gates, notified, probes, trial
from harness.faults.matrix.gates import GateRun


class Shell:
    """Records every `astroshop fault ...` the trial runs; answers as told."""

    def __init__(self, code: int = 0):
        self.commands, self.code = [], code

    def __call__(self, command, **_kwargs):
        self.commands.append(command[1:])
        return SimpleNamespace(returncode=self.code, stdout="said so", stderr="")


@pytest.fixture
def shell(monkeypatch):
    fake = Shell()
    monkeypatch.setattr(trial.subprocess, "run", fake)
    return fake


@pytest.fixture
def matrix(tmp_path):
    return SimpleNamespace(folder=tmp_path, client=object(), check=lambda: None,
                           store=tmp_path / "alerts" / "notifications.jsonl", began=0)


def stamp(epoch: float) -> str:
    """An RFC 3339 time as Alertmanager writes it (nanoseconds)."""
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "123Z"


def deliver(store, status, objective, received, started, fingerprint="f1", severity="page"):
    """What the receiver stores for one page notification received at `received`."""
    payload = {"status": status, "groupKey": "g", "alerts": [{
        "status": status, "fingerprint": fingerprint, "startsAt": stamp(started),
        "endsAt": "0001-01-01T00:00:00Z", "annotations": {"summary": "burning"},
        "labels": {"alertname": "SLOErrorBudgetBurn", "slo": objective, "severity": severity,
                   "long_window": "1m", "short_window": "5s"}}]}
    found = notifications.records(payload, f"astroshop-{severity}")
    for record in found:
        record["received_at"] = datetime.fromtimestamp(received, timezone.utc).isoformat()
    notifications.append(store, found)


EXIT = {"pass": 0, "fail": 1, "cannot judge": 3, "warning": 4}


def gate(status: str, **objectives) -> GateRun:
    return GateRun(f"gate-{status}", status, EXIT[status], objectives, [f"{status} because"],
                   time.time())


ALL_PASS = {"cart-availability": "pass", "ads-availability": "pass"}


def test_an_alert_fault_is_detected_by_its_notification_and_recovered(
        matrix, shell, monkeypatch):
    monkeypatch.setattr(gates, "run", lambda folder: gate("pass", **ALL_PASS))
    run = trial.Trial(matrix, by_name("cartFailure"))
    run.inject()
    at = run.outcome.injected_at
    deliver(matrix.store, "firing", "cart-availability", at - 30, at - 40, "old")  # before
    deliver(matrix.store, "resolved", "cart-availability", at - 20, at - 40, "old")
    deliver(matrix.store, "firing", "cart-availability", at + 12.5, at + 11.0)
    deliver(matrix.store, "firing", "checkout-success", at + 14.0, at + 13.0, "f2")
    run.expect_page(30)
    assert run.outcome.time_to_detect_s == 11.0 and run.outcome.time_to_notify_s == 12.5
    run.clear()
    deliver(matrix.store, "resolved", "cart-availability", run.outcome.cleared_at + 6.0, at + 11)
    run.expect_pages_resolved(30)
    run.expect_passing_gate(30)
    outcome = run.finish()
    assert shell.commands == [["fault", "set", "cartFailure", "25%"], ["fault", "clear", "--all"]]
    assert outcome.passed and outcome.detected_on == "cart-availability"
    assert outcome.evidence == [
        "notified: SLOErrorBudgetBurn cart-availability page 1m/5s",
        "pages on other objectives: SLOErrorBudgetBurn checkout-success page 1m/5s"]
    assert outcome.resolved_notified_s == 6.0 and outcome.gates[0]["phase"] == "recover"
    phases = [e["phase"] for e in events.read(matrix.folder)]
    assert phases == ["started", "injected", "notified", "detected", "cleared",
                      "pages resolved", "gate pass", "recovered", "result"]


def test_an_alert_that_fired_but_was_never_notified_is_no_detection(
        matrix, shell, monkeypatch):
    monkeypatch.setattr(probes, "firing", lambda client, objective, within_s=0: ["page 1m/5s"])
    monkeypatch.setattr(notified, "POLL_S", 0.01)
    run = trial.Trial(matrix, by_name("paymentFailure"))
    run.inject()
    deliver(matrix.store, "firing", "payment-availability", run.outcome.injected_at + 1,
            run.outcome.injected_at, severity="ticket")  # a ticket is no page
    with pytest.raises(AssertionError, match="Prometheus fired page 1m/5s but Alertmanager "
                                             "delivered no notification"):
        run.expect_page(0.05)
    assert not run.finish().detected


def test_a_page_left_open_after_the_clearing_is_a_failed_recovery(matrix, shell, monkeypatch):
    monkeypatch.setattr(notified, "POLL_S", 0.01)
    run = trial.Trial(matrix, by_name("catalogDelay"))
    run.inject()
    deliver(matrix.store, "firing", "storefront-latency", run.outcome.injected_at + 3,
            run.outcome.injected_at + 2)
    run.clear()
    with pytest.raises(AssertionError, match="no resolved notification of SLOErrorBudgetBurn "
                                             "storefront-latency page 1m/5s"):
        run.expect_pages_resolved(0.05)
    assert run.outcome.time_to_notify_s == 3.0  # a gate-detected fault that paged says when


def test_a_gate_fault_that_paged_nobody_has_no_notification_time(matrix, shell, monkeypatch):
    run = trial.Trial(matrix, by_name("catalogDelay"))
    run.inject()
    run.clear()
    run.expect_pages_resolved(0)
    assert run.outcome.time_to_notify_s is None and run.outcome.resolved_notified_s is None


def test_a_gate_fault_is_detected_by_the_first_gate_that_fails_on_its_objective(
        matrix, shell, monkeypatch):
    verdicts = iter([gate("warning", **{"storefront-latency": "warning"}),
                     gate("fail", **{"storefront-latency": "pass", "api-latency": "fail"}),
                     gate("fail", **{"storefront-latency": "fail", "api-latency": "fail"})])
    monkeypatch.setattr(gates, "run", lambda folder: next(verdicts))
    run = trial.Trial(matrix, by_name("catalogDelay"))
    run.inject()
    run.expect_gate_failure(600)
    assert run.outcome.detected and len(run.outcome.gates) == 3
    assert run.outcome.detected_on == "storefront-latency"
    assert run.outcome.evidence == ["gate gate-fail: storefront-latency failed (verdict fail; "
                                    "others not passing: api-latency)"]


def test_a_gate_failing_on_another_objective_is_no_detection(matrix, shell, monkeypatch):
    monkeypatch.setattr(gates, "run", lambda folder: gate("fail", **{"api-latency": "fail"}))
    run = trial.Trial(matrix, by_name("catalogDelay"))
    run.inject()
    with pytest.raises(AssertionError, match="no gate failed on storefront-latency"):
        run.expect_gate_failure(0)
    assert not run.outcome.detected and run.outcome.detected_on is None


def test_an_undetected_fault_fails_the_step_is_recorded_and_still_cleared(
        matrix, shell, monkeypatch):
    monkeypatch.setattr(probes, "firing", lambda client, objective, within_s=0: [])
    monkeypatch.setattr(notified, "POLL_S", 0.01)
    run = trial.Trial(matrix, by_name("paymentFailure"))
    run.inject()
    with pytest.raises(AssertionError, match="no page on payment-availability reached the "
                                             "receiver within 0.05 s .*no burn-rate page fired"):
        run.expect_page(0.05)
    outcome = run.finish()
    assert not outcome.passed and "within 0.05 s of injecting paymentFailure" in outcome.error
    assert shell.commands[-1] == ["fault", "clear", "--all"]
    assert events.results(matrix.folder)[0]["error"] == outcome.error


def test_no_passing_gate_in_time_is_a_failed_recovery(matrix, shell, monkeypatch):
    monkeypatch.setattr(gates, "run", lambda folder: gate("fail"))
    run = trial.Trial(matrix, by_name("adsFailure"))
    run.inject()
    run.clear()
    with pytest.raises(AssertionError, match="no gate passed .* fail \\(exit 1\\).*'fail because'"):
        run.expect_passing_gate(0)
    assert not run.outcome.recovered


@pytest.mark.parametrize("after", [
    gate("warning", **{**ALL_PASS, "ads-availability": "warning"}),  # exit 4
    GateRun("g", "pass", 0, {**ALL_PASS, "ads-availability": "fail"}),  # exit 0, one failing
    GateRun("g", "pass", 0, {}),  # exit 0, nothing judged
])
def test_recovery_needs_exit_0_and_every_objective_passing(matrix, shell, monkeypatch, after):
    monkeypatch.setattr(gates, "run", lambda folder: after)
    run = trial.Trial(matrix, by_name("adsFailure"))
    run.inject()
    run.clear()
    with pytest.raises(AssertionError, match="no gate passed with every objective passing"):
        run.expect_passing_gate(0)
    assert not run.outcome.recovered


def test_a_failing_fault_command_says_what_it_printed(matrix, monkeypatch):
    monkeypatch.setattr(trial.subprocess, "run", Shell(code=2))
    run = trial.Trial(matrix, by_name("currencyFrozen"))
    with pytest.raises(AssertionError, match="`astroshop fault freeze currency` failed "
                                             "\\(exit 2\\): said so"):
        run.inject()
