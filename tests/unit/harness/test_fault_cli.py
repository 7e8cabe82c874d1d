"""Unit tests of `astroshop fault` on a run directory with no stack: flags, exit codes."""
import json

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.faults import flagfile


@pytest.fixture
def run_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    flagfile.install_defaults(tmp_path / "flags.json")
    return tmp_path


def fault(*args):
    return CliRunner().invoke(main, ["fault", *args])


def test_list_shows_every_flag_with_its_description_and_value(run_dir):
    result = fault("list", "--json")
    assert result.exit_code == 0, result.output
    listing = json.loads(result.output)
    assert listing["running"] is False and listing["network"] == []
    names = {flag["name"]: flag for flag in listing["flags"]}
    assert len(names) >= 13
    assert names["paymentFailure"]["shown"] == "off = 0"
    assert "charges" in names["paymentFailure"]["description"]


def test_set_then_clear_one_flag(run_dir):
    result = fault("set", "paymentFailure", "50%")
    assert result.exit_code == 0 and "paymentFailure = 50% = 0.5" in result.output
    table = fault("list").output
    assert "50% = 0.5" in table
    assert fault("clear", "paymentFailure").exit_code == 0
    assert flagfile.state("paymentFailure", json.loads(
        (run_dir / "flags.json").read_text())["flags"]["paymentFailure"]).variant == "off"


def test_clear_all_restores_the_defaults_without_a_stack(run_dir):
    fault("set", "adsFailure", "on")
    result = fault("clear", "--all")
    assert result.exit_code == 0 and "flags reset" in result.output
    assert all(s.variant == "off" for s in flagfile.states(run_dir / "flags.json"))


@pytest.mark.parametrize("args, message", [
    (("set", "noSuchFlag", "on"), "unknown flag"),
    (("set", "paymentFailure", "150%"), "0% to 100%"),
    (("clear",), "or --all"),
    (("clear", "adsFailure", "--all"), "not both"),
    (("clear", "nothing"), "neither a flag"),
    (("delay", "nowhere", "100"), "unknown service 'nowhere'"),
    (("delay", "catalog", "0"), "1 to 60000 ms"),
    (("abort", "payment", "200"), "400 to 599"),
    (("abort", "payment", "503", "--percent", "101"), "0 to 100"),
    (("kill", "catalog", "--replica", "3"), "replicas 0 to 0"),
    (("freeze", "nowhere"), "unknown service"),
])
def test_bad_input_exits_2_with_a_clear_message(run_dir, args, message):
    result = fault(*args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())


def test_process_faults_without_a_stack_say_how_to_start_one(run_dir):
    result = fault("kill", "catalog")
    assert result.exit_code == 1
    assert "astroshop up" in result.output


def test_set_without_a_flag_file_says_how_to_get_one(tmp_path, monkeypatch):
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path / "empty"))
    result = fault("set", "adsFailure", "on")
    assert result.exit_code == 1 and "astroshop up" in result.output
