"""Steps of the detection matrix: a fault injected under load, its signal, the recovery.

The scenarios run only when asked for by marker (see harness/faults/matrix/selection.py);
the work is in harness/faults/matrix/ (context: the session; trial: one fault).
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from harness.faults.catalogue import by_name
from harness.faults.matrix import context, events, notified, probes, report, selection
from harness.faults.matrix.trial import Trial
from harness.runs import new_run

QUIET_WITHIN_S = 180
BASELINE_WITHIN_S = 150


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep fault scenarios only under `-m` naming `fault`, and only the faults asked for."""
    keep, drop = selection.split(items, config.option.markexpr, events.selected_names())
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(scope="session")
def matrix():
    """The stack under background load with short-window rules, for the whole session."""
    given = os.environ.get(events.FOLDER_VAR)
    folder = Path(given) if given else new_run("faults")[1]
    opened = context.open_matrix(folder, selection.planned_seconds(events.selected_names()))
    try:
        opened.judge_baseline(BASELINE_WITHIN_S)
        yield opened
    finally:
        context.close_matrix(opened)
        report.write(folder)


@pytest.fixture
def trials(matrix):
    """The scenario's trials; each one records its outcome at the end, whatever happened."""
    started: list[Trial] = []
    yield started
    for trial in started:
        trial.finish()


@given("the shop is under background load, with short-window burn-rate alerts")
def under_load(matrix):
    """The session fixture did the work; check the load is still running."""
    matrix.check()


@given("the shop passed its gate before any fault was injected")
def clean_baseline(matrix):
    """The session's first gates, before any fault: one of them passed."""
    baseline = matrix.baseline
    assert baseline.passed, (f"no gate passed before any fault was injected; the last, "
                             f"{baseline.run_id}, said {baseline.status}: {baseline.reasons}")


@given(parsers.parse("no page on {objective} is firing, nor open at the receiver"))
def quiet(matrix, objective):
    """Wait until the objective has been calm for a while in Prometheus and every page on it
    this session notified has been resolved (a fault before may still be resolving)."""
    deadline = time.monotonic() + QUIET_WITHIN_S
    still = probes.wait_quiet(matrix.client, objective, deadline, calm_s=probes.CALM_S)
    assert not still, (f"{', '.join(still)} on {objective} kept firing for {QUIET_WITHIN_S} s "
                       "before any fault was injected")
    open_pages = notified.wait_resolved(matrix.store, objective, matrix.began, deadline)
    assert not open_pages, (f"{', '.join(p.describe() for p in open_pages)} stayed open at the "
                            f"receiver for {QUIET_WITHIN_S} s before any fault was injected")


@when(parsers.parse("the fault {name} is injected"), target_fixture="trial")
def inject(matrix, trials, name):
    """Start the fault's trial and inject it."""
    trial = Trial(matrix, by_name(name))
    trials.append(trial)
    trial.inject()
    return trial


@then(parsers.parse("a page on {objective} reaches the receiver through Alertmanager "
                     "within {seconds:d} seconds"))
def page_arrives(trial, objective, seconds):
    """The signal of an alert-detected fault: its notification, not the rule firing."""
    assert objective == trial.fault.objective, f"the catalogue expects {trial.fault.objective}"
    trial.expect_page(seconds)


@then(parsers.parse("the gate fails on {objective} within {seconds:d} seconds"))
def gate_fails(trial, objective, seconds):
    """The signal of a gate-detected fault."""
    assert objective == trial.fault.objective, f"the catalogue expects {trial.fault.objective}"
    trial.expect_gate_failure(seconds)


@when(parsers.parse("the fault {name} is cleared"))
def clear(trial, name):
    """Clear the fault as the catalogue says."""
    trial.clear()


@then(parsers.parse("every page on {objective} gets its resolved notification within "
                     "{seconds:d} seconds"))
def pages_resolved(trial, objective, seconds):
    """Each page the fault caused on the objective is resolved at the receiver."""
    assert objective == trial.fault.objective, f"the catalogue expects {trial.fault.objective}"
    trial.expect_pages_resolved(seconds)


@then(parsers.parse("the shop passes its gate again within {seconds:d} seconds"))
def gate_passes(trial, seconds):
    """A passing gate after the clearing: the shop has recovered."""
    trial.expect_passing_gate(seconds)
