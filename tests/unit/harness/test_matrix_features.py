"""features/faults/ agrees with the fault catalogue, and runs only when asked for."""
import os
import subprocess
import sys

import pytest
from pytest_bdd.feature import get_features

from harness.faults.catalogue import FAULTS
from harness.faults.matrix import events
from harness.paths import REPO_ROOT

FOLDER = REPO_ROOT / "features" / "faults"
FILES = {"flag": "flags.feature", "network": "network.feature", "process": "processes.feature"}
VIA = {"alert": "fires a burn-rate alert", "gate": "fails the gate"}


def example_rows():
    """(feature file name, scenario outline name, example row) of every fault example."""
    rows = []
    for feature in get_features([str(FOLDER)]):
        for scenario in feature.scenarios.values():
            for examples in scenario.examples:
                header = examples.example_params
                rows += [(feature.rel_filename.split("/")[-1], scenario.name,
                          dict(zip(header, values))) for values in examples.examples]
    return rows


def test_every_fault_has_exactly_one_example_matching_the_catalogue():
    rows = example_rows()
    assert sorted(row["fault"] for _, _, row in rows) == sorted(f.name for f in FAULTS)
    by_fault = {row["fault"]: (file, outline, row) for file, outline, row in rows}
    for fault in FAULTS:
        file, outline, row = by_fault[fault.name]
        assert file == FILES[fault.kind], fault.name
        assert VIA[fault.via] in outline, (fault.name, outline)
        assert (row["objective"], int(row["detect"]), int(row["recover"])) == (
            fault.objective, fault.detect_within_s, fault.recover_within_s), fault.name


def test_every_fault_feature_is_tagged_fault_slow_and_disruptive():
    for feature in get_features([str(FOLDER)]):
        assert {"fault", "slow", "disruptive"} <= feature.tags, feature.filename


def collect(*args: str, only: str = "") -> str:
    """pytest --collect-only over features/ with some options; its output."""
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    env.pop(events.ONLY_VAR, None)
    if only:
        env[events.ONLY_VAR] = only
    done = subprocess.run(
        [sys.executable, "-m", "pytest", str(REPO_ROOT / "features"), "-p", "pytest_bdd.plugin",
         "-p", "pytest_timeout", "-p", "no:cacheprovider", "--collect-only", "-q", *args],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 5), done.stdout + done.stderr
    return done.stdout


@pytest.mark.parametrize("args", [(), ("-m", "not disruptive"), ("-m", "disruptive"),
                                  ("-m", "slow")])
def test_fault_scenarios_stay_out_of_runs_that_do_not_ask_for_them(args):
    assert "features/faults/" not in collect(*args)


def test_asking_for_faults_by_marker_and_name_collects_exactly_those():
    listed = [line for line in collect("-m", "fault", only="cartKilled,catalogDelay").splitlines()
              if line.startswith("features/faults/")]
    assert len(listed) == 2
    assert any("[cartKilled-" in line for line in listed)
    assert any("[catalogDelay-" in line for line in listed)
