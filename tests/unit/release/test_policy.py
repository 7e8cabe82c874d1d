"""The release policy: the shipped file's defaults, overrides, and every bad file refused with
the file and the field named (exit 2 from the command, before any stack is asked)."""
import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.exits import Exit
from harness.release import policy as policies
from harness.release.policy import DEFAULT_POLICY, PolicyError, ReleasePolicy


def written(tmp_path, text: str):
    """A policy file holding `text`."""
    path = tmp_path / "policy.yaml"
    path.write_text(text)
    return path


def test_the_shipped_policy_is_the_documented_defaults():
    assert policies.load() == ReleasePolicy()
    assert policies.load(DEFAULT_POLICY).steps == (5, 25, 50, 100)


def test_a_field_given_overrides_its_default_and_the_others_stay(tmp_path):
    found = policies.load(written(tmp_path, "step_seconds: 20\nlatency: {max_shift_ms: 3}\n"))
    assert found.step_seconds == 20 and found.latency.max_shift_ms == 3
    assert found.latency.max_shift_ratio == 0.10 and found.max_extensions == 2
    assert found.alpha == pytest.approx(0.05)


def test_an_empty_file_is_every_default(tmp_path):
    assert policies.load(written(tmp_path, "")) == ReleasePolicy()


@pytest.mark.parametrize("text, field", [
    ("step_second: 20\n", "step_second"),                      # a typo is refused, not ignored
    ("errors: {max_increase: 2}\n", "errors.max_increase"),    # a ratio above 1
    ("latency: {max_shift_ms: -1}\n", "latency.max_shift_ms"),
    ("steps: [5, 50, 25, 100]\n", "steps"),                    # not rising
    ("steps: [5, 25, 50]\n", "steps"),                         # not ending at 100
    ("confidence: 1.5\n", "confidence"),
    ("max_extensions: 11\n", "max_extensions"),
    ("step_seconds: 1\n", "step_seconds"),                     # below the 5 s floor
    ("load: {profile: smoke, rate: 0}\n", "load.rate"),
])
def test_a_bad_field_is_refused_by_name(tmp_path, text, field):
    path = written(tmp_path, text)
    with pytest.raises(PolicyError) as refused:
        policies.load(path)
    assert f"field '{field}'" in str(refused.value) and str(path) in str(refused.value)


def test_a_file_that_is_not_yaml_is_refused_with_its_name(tmp_path):
    path = written(tmp_path, "steps: [5, 25\nstep_seconds: 3\n")
    with pytest.raises(PolicyError, match="cannot read the policy"):
        policies.load(path)
    with pytest.raises(PolicyError, match="missing.yaml"):
        policies.load(tmp_path / "missing.yaml")


@pytest.mark.parametrize("median, expected", [(None, 10.0), (50.0, 10.0), (300.0, 30.0)])
def test_the_latency_tolerance_is_the_larger_of_ms_and_a_share_of_stables_median(
        median, expected):
    assert ReleasePolicy().latency.tolerance(median) == pytest.approx(expected)


def test_the_command_refuses_a_bad_policy_with_exit_2_naming_the_field(tmp_path):
    path = written(tmp_path, "errors: {max_increse: 0.01}\n")
    done = CliRunner().invoke(main, ["release", "catalog", "--source", str(tmp_path),
                                    "--policy", str(path)])
    assert done.exit_code == Exit.USAGE == 2, done.output
    assert "errors.max_increse" in done.output
