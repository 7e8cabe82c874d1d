"""Matrix gates (command line, reading gate.json, how many to run) and alert probes."""
import json

import pytest

from harness.faults.matrix import gates, probes
from harness.faults.matrix.gates import GateError, GateRun
from tests.unit.harness.report_sample import SAMPLE_GATE


def test_the_matrix_gate_is_a_short_smoke_gate_and_the_plain_one_is_the_profile():
    assert gates.command(25, 8)[1:] == ["gate", "--profile", "smoke", "--duration", "25",
                                        "--users", "8"]
    assert gates.command(None, None)[1:] == ["gate", "--profile", "smoke"]


def test_a_gate_is_read_from_the_gate_json_its_run_id_names(tmp_path):
    folder = tmp_path / "20261126-gate-ab12"
    folder.mkdir()
    objectives = [{**SAMPLE_GATE["objectives"][2], "name": name, "status": status}
                  for name, status in (("x", "fail"), ("y", "pass"))]
    (folder / "gate.json").write_text(json.dumps({
        **SAMPLE_GATE, "run_id": folder.name, "objectives": objectives,
        "verdict": {"status": "fail", "score": 0.5, "exit_code": 1,
                    "reasons": ["key objective x failed"]}}))
    run = gates.read(tmp_path, f"lots of output\nRUN_ID={folder.name}\n", 1)
    assert run.failed_on("x") and not run.failed_on("y") and not run.passed
    assert run.reasons == ["key objective x failed"] and run.not_passing() == {"x": "fail"}


def test_a_gate_that_printed_no_run_id_is_an_error_with_its_output(tmp_path):
    with pytest.raises(GateError, match="no run id \\(exit 2\\):\nTraceback"):
        gates.read(tmp_path, "Traceback: it broke", 2)


def test_only_exit_0_with_every_objective_passing_is_a_pass_and_a_warning_is_no_alarm():
    assert GateRun("r", "pass", 0, {"x": "pass", "y": "pass"}).passed
    assert not GateRun("r", "warning", 4, {"x": "pass", "y": "warning"}).passed
    assert not GateRun("r", "pass", 0, {"x": "pass", "y": "fail"}).passed
    assert not GateRun("r", "pass", 0, {}).passed
    assert not GateRun("r", "warning", 4, {"y": "warning"}).alarmed
    assert GateRun("r", "fail", 1).alarmed and GateRun("r", "cannot judge", 3).alarmed


class Clock:
    """A monotonic clock that each gate moves on by `step` seconds."""

    def __init__(self, step: float):
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        return self.now

    def gate(self, status: str) -> GateRun:
        self.now += self.step
        return GateRun("r", status, 0 if status == "pass" else 1, {"x": status})


@pytest.mark.parametrize("step, deadline, runs", [
    (30, 100, 3), (30, 59, 1), (30, 30, 1), (30, 61, 2), (2, 19, 1), (2, 21, 2)])
def test_gates_run_until_accepted_or_until_another_could_not_end_in_time(
        monkeypatch, step, deadline, runs):
    clock = Clock(step)
    monkeypatch.setattr(gates.time, "monotonic", clock)
    monkeypatch.setattr(gates.time, "sleep", lambda seconds: setattr(clock, "now",
                                                                     clock.now + seconds))
    statuses = iter(["fail", "fail", "pass", "pass"])
    seen = []

    def one():
        seen.append(clock.gate(next(statuses)))
        return seen[-1]

    last = gates.until(lambda run: run.passed, deadline, one)
    assert len(seen) == runs and last is seen[-1]


class Client:
    """Answers one canned result to every query, and keeps the queries."""

    def __init__(self, result):
        self.result, self.queries = result, []

    def custom_query(self, query):
        self.queries.append(query)
        return self.result


def test_firing_names_the_page_alerts_of_one_objective():
    client = Client([{"metric": {"severity": "page", "long_window": "6m", "short_window": "30s"}},
                     {"metric": {"severity": "page", "long_window": "1m", "short_window": "5s"}}])
    assert probes.firing(client, "cart-availability") == ["page 1m/5s", "page 6m/30s"]
    assert 'slo="cart-availability"' in client.queries[0]
    assert 'severity="page"' in client.queries[0] and 'alertstate="firing"' in client.queries[0]
    assert "max_over_time" not in client.queries[0]
    probes.firing(client, "cart-availability", within_s=15)
    assert "max_over_time(" in client.queries[1] and "[15s]" in client.queries[1]


def test_waiting_for_calm_looks_back_and_returns_what_kept_firing(monkeypatch):
    client = Client([{"metric": {"severity": "page", "long_window": "1m", "short_window": "5s"}}])
    monkeypatch.setattr(probes, "POLL_S", 0.01)
    assert probes.wait_quiet(client, "x", deadline=0, calm_s=15) == ["page 1m/5s"]
    assert "[15s]" in client.queries[-1]
    assert probes.wait_quiet(Client([]), "x", deadline=0) == []


def test_fired_during_looks_back_over_the_whole_time_for_any_objective():
    client = Client([{"metric": {"slo": "edge-availability", "long_window": "1m",
                                 "short_window": "5s"}}])
    assert probes.fired_during(client, 61.4) == ["edge-availability 1m/5s"]
    assert "[61s]" in client.queries[0] and "slo=" not in client.queries[0]
