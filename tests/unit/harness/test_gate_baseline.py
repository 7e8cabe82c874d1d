"""Baselines: by run id, by folder, or the last passing run of the same profile."""
import json

import pytest

from harness.gate.baseline import BaselineError, by_objective, resolve


def gate_run(root, run_id, profile="smoke", exit_code=0):
    folder = root / run_id
    folder.mkdir(parents=True)
    (folder / "gate.json").write_text(json.dumps({
        "run_id": run_id, "profile": profile, "verdict": {"exit_code": exit_code},
        "objectives": [{"name": "api-latency", "percentiles_ms": {"p95": 12.0}}]}))
    return folder


def test_last_pass_is_the_newest_run_of_the_profile_that_exited_0(tmp_path):
    gate_run(tmp_path, "20260101-000000-gate-aaaa")
    gate_run(tmp_path, "20260102-000000-gate-bbbb")
    gate_run(tmp_path, "20260103-000000-gate-cccc", exit_code=1)
    gate_run(tmp_path, "20260104-000000-gate-dddd", profile="load")
    (tmp_path / "20260105-000000-load-eeee").mkdir()
    folder, gate = resolve("last-pass", "smoke", tmp_path)
    assert folder.name == "20260102-000000-gate-bbbb"
    assert by_objective(gate)["api-latency"]["percentiles_ms"]["p95"] == 12.0


def test_the_running_gate_is_never_its_own_baseline(tmp_path):
    gate_run(tmp_path, "20260101-000000-gate-aaaa")
    gate_run(tmp_path, "20260102-000000-gate-bbbb")
    folder, _ = resolve("last-pass", "smoke", tmp_path, exclude="20260102-000000-gate-bbbb")
    assert folder.name == "20260101-000000-gate-aaaa"


def test_no_passing_run_is_an_error_that_says_what_to_do(tmp_path):
    gate_run(tmp_path, "20260103-000000-gate-cccc", exit_code=1)
    with pytest.raises(BaselineError, match="--baseline RUN"):
        resolve("last-pass", "smoke", tmp_path)


def test_a_run_by_id_or_by_folder(tmp_path):
    folder = gate_run(tmp_path, "20260101-000000-gate-aaaa", exit_code=1)
    assert resolve("20260101-000000-gate-aaaa", "smoke", tmp_path)[0] == folder
    assert resolve(str(folder), "other", tmp_path / "elsewhere")[0] == folder


def test_an_unknown_run_points_at_the_listing(tmp_path):
    with pytest.raises(BaselineError, match="astroshop report list"):
        resolve("20990101-nothing", "smoke", tmp_path)


def test_a_corrupt_gate_file_is_named(tmp_path):
    folder = tmp_path / "run"
    folder.mkdir()
    (folder / "gate.json").write_text("{")
    with pytest.raises(BaselineError, match="not valid JSON"):
        resolve("run", "smoke", tmp_path)
