"""Baselines: by run id, by folder, or the last passing run of the same profile."""
import json

import pytest

from harness.gate.baseline import BaselineError, by_objective, resolve
from tests.unit.harness.report_sample import SAMPLE_GATE


def gate_run(root, run_id, profile="smoke", status="pass"):
    folder = root / run_id
    folder.mkdir(parents=True)
    gate = json.loads(json.dumps(SAMPLE_GATE))
    gate.update(run_id=run_id, profile=profile,
                verdict={**gate["verdict"], "status": status})
    (folder / "gate.json").write_text(json.dumps(gate))
    return folder


def test_last_pass_is_the_newest_run_of_the_profile_whose_verdict_was_a_pass(tmp_path):
    gate_run(tmp_path, "20260101-000000-gate-aaaa")
    gate_run(tmp_path, "20260102-000000-gate-bbbb")
    gate_run(tmp_path, "20260103-000000-gate-cccc", status="fail")
    gate_run(tmp_path, "20260103-000001-gate-cccd", status="warning")
    gate_run(tmp_path, "20260104-000000-gate-dddd", profile="load")
    (tmp_path / "20260105-000000-load-eeee").mkdir()
    folder, gate = resolve("last-pass", "smoke", tmp_path)
    assert folder.name == "20260102-000000-gate-bbbb"
    assert by_objective(gate)["storefront-latency"].percentiles_ms["p95"] == 640.0


def test_the_running_gate_is_never_its_own_baseline(tmp_path):
    gate_run(tmp_path, "20260101-000000-gate-aaaa")
    gate_run(tmp_path, "20260102-000000-gate-bbbb")
    folder, _ = resolve("last-pass", "smoke", tmp_path, exclude="20260102-000000-gate-bbbb")
    assert folder.name == "20260101-000000-gate-aaaa"


def test_no_passing_run_is_an_error_that_says_what_to_do(tmp_path):
    gate_run(tmp_path, "20260103-000000-gate-cccc", status="fail")
    with pytest.raises(BaselineError, match="--baseline RUN"):
        resolve("last-pass", "smoke", tmp_path)


def test_a_run_by_id_or_by_folder(tmp_path):
    folder = gate_run(tmp_path, "20260101-000000-gate-aaaa", status="fail")
    assert resolve("20260101-000000-gate-aaaa", "smoke", tmp_path)[0] == folder
    assert resolve(str(folder), "other", tmp_path / "elsewhere")[0] == folder


def test_an_unknown_run_points_at_the_listing(tmp_path):
    with pytest.raises(BaselineError, match="astroshop report list"):
        resolve("20990101-nothing", "smoke", tmp_path)


def test_a_corrupt_gate_file_is_named(tmp_path):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "gate.json").write_text("{")
    with pytest.raises(BaselineError, match="run/gate.json: not a gate result"):
        resolve("run", "smoke", tmp_path)
    (folder / "gate.json").write_text('{"run_id": "run"}')
    with pytest.raises(BaselineError, match="profile"):
        resolve("run", "smoke", tmp_path)
