"""promtool on the rendered rules: `check rules`, then the generated and hand-written unit
tests proving each burn alert fires at its rate and stays silent just below it."""
import pytest
import yaml

from harness.slo import loader, promtool, rules, ruletests
from harness.slo.promtool import PromtoolFailed


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


def test_the_generated_tests_catch_a_wrong_threshold(tmp_path):
    objectives = [o for o in loader.load_dir() if o.name == "edge-availability"]
    rules_path = rules.write_rules(objectives, tmp_path)
    rules_path.write_text(rules_path.read_text().replace("(14.4 * 0.005)", "(14 * 0.005)"))
    tests = ruletests.write_tests(objectives, rules_path, tmp_path)
    with pytest.raises(PromtoolFailed, match="stays silent at 0.99 x the burn rate"):
        promtool.test_rules(tests)


def test_the_hand_written_tests_catch_a_policy_typed_in_wrong(tmp_path):
    objectives = loader.load_dir()
    rules_path = rules.write_rules(objectives, tmp_path)
    content = yaml.safe_load(rules_path.read_text())
    for group in content["groups"]:
        for rule in group["rules"]:
            if rule.get("labels", {}).get("long_window") == "6h":
                rule["expr"] = rule["expr"].replace("(6 * ", "(5 * ")
    rules_path.write_text(rules.dump(content))
    with pytest.raises(PromtoolFailed, match='long_window="6h", severity="page"'):
        promtool.test_rules(promtool.copy_hand_written(tmp_path))


def test_check_rules_refuses_a_broken_expression(tmp_path):
    path = tmp_path / "bad.rules.yml"
    path.write_text(yaml.safe_dump({"groups": [{"name": "g", "rules": [
        {"record": "x:y", "expr": "sum(rate(x[5m])"}]}]}))
    with pytest.raises(PromtoolFailed, match="promtool check rules failed"):
        promtool.check_rules(path)
