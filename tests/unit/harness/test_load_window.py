"""The load window the locustfile records, read back by the launcher."""
import json

import pytest

from harness.load import window


def test_start_stages_and_an_early_stop_are_read_back(tmp_path):
    path = tmp_path / "window.jsonl"
    window.record(str(path), "stage", index=0, users=6, rate=6.0)
    window.record(str(path), "start", profile="breakpoint")
    window.record(str(path), "stage", index=1, users=12, rate=12.0)
    window.record(str(path), "stopped-early", reason="p95 2500 ms at 12 users")
    marks = window.events(path)
    read = window.read(path, ended_at=marks[-1]["t"] + 5)
    assert read.start == marks[0]["t"]
    assert [m.users for m in read.stages] == [6, 12]
    assert read.stopped_early == "p95 2500 ms at 12 users"
    (first, s0, e0), (second, s1, e1) = read.stage_windows()
    assert (s0, e0, s1, e1) == (marks[0]["t"], marks[2]["t"], marks[2]["t"], read.end)
    assert window.LoadWindow.from_dict(read.as_dict()) == read


def test_a_load_that_never_started_is_an_error_pointing_at_the_log(tmp_path):
    with pytest.raises(ValueError, match="locust.log"):
        window.read(tmp_path / "missing.jsonl", ended_at=0)


def test_a_line_still_being_written_is_not_read(tmp_path):
    path = tmp_path / "window.jsonl"
    path.write_text(json.dumps({"event": "start", "t": 1.0}) + "\n" + '{"event": "sta')
    assert window.started(path) == 1.0
    assert len(window.events(path)) == 1


def test_no_file_no_recording():
    window.record("", "start")
