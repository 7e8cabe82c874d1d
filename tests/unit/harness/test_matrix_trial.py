"""A fault's trial, with `astroshop fault`, the gates and Prometheus' alerts faked."""
import time
from types import SimpleNamespace

import pytest

from harness.faults.catalogue import by_name
from harness.faults.matrix import events, gates, probes, trial
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
    return SimpleNamespace(folder=tmp_path, client=object(), check=lambda: None)


EXIT = {"pass": 0, "fail": 1, "cannot judge": 3, "warning": 4}


def gate(status: str, **objectives) -> GateRun:
    return GateRun(f"gate-{status}", status, EXIT[status], objectives, [f"{status} because"],
                   time.time())


ALL_PASS = {"cart-availability": "pass", "ads-availability": "pass"}


def test_an_alert_fault_is_detected_cleared_and_recovered(matrix, shell, monkeypatch):
    answers = iter([["page 1m/5s"], [], []])
    monkeypatch.setattr(probes, "firing", lambda client, objective, within_s=0: next(answers))
    monkeypatch.setattr(gates, "run", lambda folder: gate("pass", **ALL_PASS))
    run = trial.Trial(matrix, by_name("cartFailure"))
    run.inject()
    run.expect_alert(30)
    run.clear()
    run.expect_alert_resolved(30)
    run.expect_passing_gate(30)
    outcome = run.finish()
    assert shell.commands == [["fault", "set", "cartFailure", "25%"], ["fault", "clear", "--all"]]
    assert outcome.passed and outcome.detected_on == "cart-availability"
    assert outcome.evidence == ["firing: SLOErrorBudgetBurn cart-availability page 1m/5s"]
    assert outcome.alert_resolved_s is not None and outcome.gates[0]["phase"] == "recover"
    phases = [e["phase"] for e in events.read(matrix.folder)]
    assert phases == ["started", "injected", "detected", "cleared", "alert resolved",
                      "gate pass", "recovered", "result"]


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
    monkeypatch.setattr(probes, "POLL_S", 0.01)
    run = trial.Trial(matrix, by_name("paymentFailure"))
    run.inject()
    with pytest.raises(AssertionError, match="no burn-rate alert on payment-availability"):
        run.expect_alert(0.05)
    outcome = run.finish()
    assert not outcome.passed and "fired within 0.05 s" in outcome.error
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
