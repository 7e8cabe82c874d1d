"""Steps of the detection matrix: a fault injected under load, its signal, the recovery.

The scenarios run only when selected by their marker (`-m fault`, as `astroshop fault
matrix` runs them), never as part of `astroshop bdd`'s whole-suite runs: they take the local
stack over for minutes. ASTROSHOP_MATRIX_FAULTS limits them to some faults.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from harness.faults.catalogue import FAULTS, by_name
from harness.faults.matrix import background, context, events, probes, report
from harness.faults.matrix.trial import Trial
from harness.runs import new_run

QUIET_WITHIN_S = 180
SESSION_MARGIN_S = 600
EXAMPLE = "_pytest_bdd_example"


def fault_of(item: pytest.Item) -> str | None:
    """The fault a collected scenario example is about."""
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(EXAMPLE, {}).get("fault") if callspec else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep fault scenarios only under `-m` naming `fault`, and only the faults asked for."""
    asked = "fault" in re.findall(r"\w+", config.option.markexpr or "")
    only = events.selected_names()
    keep, drop = [], []
    for item in items:
        if item.get_closest_marker("fault") is None:
            keep.append(item)
        elif asked and (only is None or fault_of(item) in only):
            keep.append(item)
        else:
            drop.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def planned_seconds(names: list[str] | None) -> float:
    """The background load's length: what the chosen faults may take at most, plus a margin
    (at most the longest load the matrix runs)."""
    chosen = [f for f in FAULTS if names is None or f.name in names]
    worst = sum(f.detect_within_s + 2 * f.recover_within_s for f in chosen) + SESSION_MARGIN_S
    return min(worst, background.MAX_SECONDS)


@pytest.fixture(scope="session")
def matrix():
    """The stack under background load with short-window rules, for the whole session."""
    given = os.environ.get(events.FOLDER_VAR)
    folder = Path(given) if given else new_run("faults")[1]
    opened = context.open_matrix(folder, planned_seconds(events.selected_names()))
    yield opened
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


@given(parsers.parse("no burn-rate alert on {objective} is firing"))
def quiet(matrix, objective):
    """Wait until the objective has no page alert (a fault before may still be resolving)."""
    still = probes.wait_quiet(matrix.client, objective, time.monotonic() + QUIET_WITHIN_S)
    assert not still, f"{', '.join(still)} on {objective} fired before any fault was injected"


@when(parsers.parse("the fault {name} is injected"), target_fixture="trial")
def inject(matrix, trials, name):
    """Start the fault's trial and inject it."""
    trial = Trial(matrix, by_name(name))
    trials.append(trial)
    trial.inject()
    return trial


@then(parsers.parse("a burn-rate alert on {objective} fires within {seconds:d} seconds"))
def alert_fires(trial, objective, seconds):
    """The signal of an alert-detected fault."""
    assert objective == trial.fault.objective, f"the catalogue expects {trial.fault.objective}"
    trial.expect_alert(seconds)


@then(parsers.parse("the gate fails on {objective} within {seconds:d} seconds"))
def gate_fails(trial, objective, seconds):
    """The signal of a gate-detected fault."""
    assert objective == trial.fault.objective, f"the catalogue expects {trial.fault.objective}"
    trial.expect_gate_failure(seconds)


@when(parsers.parse("the fault {name} is cleared"))
def clear(trial, name):
    """Clear the fault as the catalogue says."""
    trial.clear()


@then(parsers.parse("the burn-rate alert on {objective} resolves within {seconds:d} seconds"))
def alert_resolves(trial, objective, seconds):
    """Every page alert of the objective stops."""
    trial.expect_alert_resolved(seconds)


@then(parsers.parse("the shop passes its gate again within {seconds:d} seconds"))
def gate_passes(trial, seconds):
    """A passing gate after the clearing: the shop has recovered."""
    trial.expect_passing_gate(seconds)
