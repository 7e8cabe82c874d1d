"""promtool on every shipped objective's rules (tox -e rules; minutes, not part of `make test`,
whose unit suite runs one objective): `check rules`, then the generated tests of each burn
alert, standard and short-window, and the hand-written tests of tests/rules/."""
import pytest

from harness.slo import loader, promtool


@pytest.mark.parametrize("short_window", [False, True], ids=["standard", "short-window"])
def test_the_shipped_objectives_pass_check_and_unit_tests(tmp_path, short_window):
    objectives = loader.load_dir()
    report = promtool.verify(objectives, short_window, out_dir=tmp_path)
    tests = sorted(tmp_path.glob("*.test.yml"))
    hand_written = len(list(promtool.HAND_WRITTEN_TESTS.glob("*.test.yml")))
    expected_files = len(objectives) * 4 + (0 if short_window else hand_written)
    assert len(tests) == expected_files
    assert report.count("SUCCESS") == expected_files + 1  # + check rules
    assert "FAILED" not in report
