"""Tag expressions for `astroshop bdd --tags`, and the phases they lead to."""
import pytest

from harness.bdd import runner, selection
from harness.stack.runner import Stack
from harness.target import Target

KNOWN = {"smoke", "api", "ui", "edge", "slow", "disruptive"}


def test_at_signs_are_dropped_and_operators_kept():
    assert selection.tag_expression("@smoke and not @slow", KNOWN) == "smoke and not slow"
    assert selection.tag_expression("  ", KNOWN) == ""


@pytest.mark.parametrize("tags, problem", [("smok", "unknown tag"), ("smoke and (", "not a valid"),
                                           ("smoke; rm -rf /", "not a tag expression")])
def test_bad_expressions_are_refused(tags, problem):
    with pytest.raises(selection.TagError, match=problem):
        selection.tag_expression(tags, KNOWN)


@pytest.mark.parametrize("expression, tags, expected", [
    ("smoke", {"smoke", "api"}, True),
    ("smoke and not slow", {"smoke", "slow"}, False),
    ("ui or edge", {"edge"}, True),
    ("not (ui or edge)", {"api"}, True),
    ("", {"anything"}, True),
])
def test_matches(expression, tags, expected):
    assert selection.matches(expression, tags) is expected


def test_disruptive_scenarios_run_in_a_phase_of_their_own():
    plan = runner.phases("", 2)
    assert [(p.name, p.selection, p.workers) for p in plan] == [
        ("shared", "not disruptive", 2), ("alone", "disruptive", 0)]


def test_a_phase_without_scenarios_is_left_out():
    assert [p.name for p in runner.phases("smoke", 2)] == ["shared"]
    assert runner.phases("smoke and disruptive", 2) == []


def test_the_command_line_carries_target_reports_and_workers(tmp_path):
    target = Target("http://shop.example:8080", "http://10.0.0.1:10000", Stack.at(tmp_path))
    cmd = runner.command(runner.Phase("shared", "smoke and not disruptive", 2), target, tmp_path)
    joined = " ".join(cmd)
    assert "-m smoke and not disruptive" in joined and cmd[-2:] == ["-n", "2"]
    assert f"--cucumberjson={tmp_path / 'shared.cucumber.json'}" in cmd
    assert "--shop-url http://shop.example:8080 --shop-mesh-url http://10.0.0.1:10000" in joined
    assert f"--shop-run-dir {tmp_path}" in joined


def test_nothing_to_run_is_its_own_exit_code():
    assert runner.overall([runner.NO_TESTS, runner.NO_TESTS]) == runner.NO_TESTS
    assert runner.overall([0, runner.NO_TESTS]) == 0
    assert runner.overall([0, 1]) == 1
