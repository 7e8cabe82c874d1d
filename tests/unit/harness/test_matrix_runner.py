"""`astroshop fault matrix` and `falsealarm`: choosing faults, the pytest command, progress,
exit codes (the runs themselves faked)."""
import gevent
import pytest
from click.testing import CliRunner
from rich.console import Console

from harness.cli import main
from harness.commands import fault_matrix
from harness.faults.catalogue import FAULTS, fast_subset
from harness.faults.matrix import background, events, falsealarm, progress, runner, selection
from harness.faults.matrix.outcome import Outcome
from harness.load.flood import flood_home_page
from harness.paths import RunPaths
from harness.stack.options import StackOptions
from harness.stack.runner import Stack


def test_faults_are_all_the_quick_subset_or_those_named():
    assert runner.chosen(False, ()) == list(FAULTS)
    assert runner.chosen(True, ()) == fast_subset()
    assert [f.name for f in runner.chosen(True, ("adsFailure",))] == ["adsFailure"]
    with pytest.raises(KeyError, match="unknown fault 'nope'"):
        runner.chosen(False, ("nope",))


def test_the_quick_subset_has_a_flag_an_envoy_fault_and_a_process_fault():
    assert {f.kind for f in fast_subset()} == {"flag", "network", "process"}
    assert runner.budget_s(fast_subset()) < runner.budget_s(list(FAULTS))


def test_pytest_runs_the_fault_features_by_marker_with_reports_in_the_run(tmp_path):
    line = runner.command(tmp_path, 900)
    assert line[line.index("-m", 3) + 1] == "fault" and str(runner.FEATURES) in line
    assert f"--junitxml={tmp_path / 'junit.xml'}" in line and "900" in line


def test_progress_says_what_each_fault_is_doing(tmp_path):
    events.record(tmp_path, "cartKilled", "injected")
    events.record(tmp_path, "paymentAbort", "gate fail", during="detect")
    table = progress.view(["cartKilled", "paymentAbort", "catalogDelay"], tmp_path, 0.0)
    console = Console(width=200, record=True)
    console.print(table)
    text = console.export_text()
    assert "waiting for its signal" in text and "a gate while it is injected: fail" in text
    assert "queued" in text and "0 of 3 done" in text
    assert "baseline gate (before any fault) running" in text
    (tmp_path / "baseline.json").write_text('{"run_id": "g0", "status": "pass"}')
    assert progress.print_new(console, tmp_path, 0) == 2
    assert "baseline gate g0: pass" in console.export_text()
    assert progress.print_new(console, tmp_path, 1) == 2
    assert "paymentAbort: a gate while it is injected: fail" in console.export_text()


def outcome_dict(name: str, passed: bool) -> dict:
    outcome = Outcome.of(next(f for f in FAULTS if f.name == name))
    outcome.detected = outcome.recovered = passed
    outcome.time_to_detect_s = outcome.time_to_recover_s = 1.0 if passed else None
    return outcome.as_dict()


@pytest.mark.parametrize("code, passed, exit_code", [(0, True, 0), (1, False, 1),
                                                     (0, False, 1)])
def test_the_matrix_exits_0_only_when_every_fault_passed(monkeypatch, code, passed, exit_code):
    rows = [outcome_dict("cartKilled", passed)]
    content = {"run_id": "r1", "outcomes": rows,
               "summary": {"faults": 1, "passed": int(passed), "detected": 1, "recovered": 1}}
    monkeypatch.setattr(runner, "run", lambda faults, console: (code, content))
    result = CliRunner().invoke(main, ["fault", "matrix", "--only", "cartKilled"])
    assert result.exit_code == exit_code, result.output
    assert "RUN_ID=r1" in result.output


def test_an_unknown_fault_name_is_refused_with_the_known_ones():
    result = CliRunner().invoke(main, ["fault", "matrix", "--only", "nope"])
    assert result.exit_code == 2 and "cartKilled" in result.output


@pytest.mark.parametrize("passes, exit_code", [(10, 0), (9, 1)])
def test_the_false_alarm_check_needs_every_gate_to_pass(monkeypatch, passes, exit_code):
    content = {"run_id": "f1", "count": 10, "passes": passes, "pages": [], "gates": []}
    monkeypatch.setattr(falsealarm, "run", lambda count, console: content)
    result = CliRunner().invoke(main, ["fault", "falsealarm"])
    assert result.exit_code == exit_code
    assert (f"{passes} of 10 clean smoke gates passed without an alarm; pages notified: none"
            in result.output)
    assert fault_matrix.COMMANDS == [fault_matrix.matrix, fault_matrix.false_alarm]


class Reader:
    """A flag reader that always says `count`."""

    def __init__(self, count: int):
        self.count = count

    def homepage_flood(self) -> int:
        return self.count


class Client:
    """Counts the home-page requests sent through it, and how many were in flight at once."""

    def __init__(self):
        self.sent, self.in_flight, self.most = [], 0, 0

    def get(self, path, name):
        self.in_flight += 1
        self.most = max(self.most, self.in_flight)
        gevent.sleep(0.01)
        self.sent.append((path, name))
        self.in_flight -= 1


@pytest.mark.parametrize("count", [0, 12])
def test_the_home_page_flood_sends_its_burst_at_once(count):
    client = Client()
    assert flood_home_page(client, "[storefront] / (flood)", Reader(count)) == count
    assert client.sent == [("/", "[storefront] / (flood)")] * count
    assert client.most == count


def test_a_stack_scraped_too_seldom_is_refused_before_anything_runs(tmp_path, monkeypatch):
    StackOptions(scrape_interval_s=5).save(RunPaths(tmp_path).ensure())
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    monkeypatch.setattr(Stack, "running", lambda self: True)
    monkeypatch.setattr(runner, "run", lambda faults, console: pytest.fail("it ran"))
    result = CliRunner().invoke(main, ["fault", "matrix", "--quick"])
    said = " ".join(result.output.split())
    assert result.exit_code == 3
    assert "scraped every 5 s" in said and "`astroshop up --scrape-interval 1`" in said


def test_the_background_load_lasts_as_long_as_the_chosen_faults_may_take_at_most():
    quick = [f.name for f in fast_subset()]
    assert selection.planned_seconds(quick) == sum(
        f.detect_within_s + 2 * f.recover_within_s for f in fast_subset()) + 600
    assert selection.planned_seconds(None) == background.MAX_SECONDS
