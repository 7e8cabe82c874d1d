"""The cluster commands refuse clearly without root, and name what to do."""
import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.cluster import tools


@pytest.fixture()
def not_root(monkeypatch):
    monkeypatch.setattr(tools.os, "geteuid", lambda: 1000)


@pytest.mark.parametrize("args", [["up"], ["up", "--hosts", "4"], ["deploy"], ["status"],
                                  ["verify"], ["down"], ["fault", "host-down", "app2"],
                                  ["fault", "partition", "app2"], ["fault", "recover", "app2"]])
def test_every_cluster_command_needs_root(not_root, args, tmp_path, monkeypatch):
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["cluster", *args])
    assert result.exit_code == 1
    assert "the cluster needs root" in result.output
    assert "Traceback" not in result.output


def test_a_host_count_outside_one_to_nine_is_refused():
    result = CliRunner().invoke(main, ["cluster", "up", "--hosts", "12"])
    assert result.exit_code == 2
    assert "1<=x<=9" in result.output


def test_commands_without_a_cluster_say_how_to_start_one(tmp_path, monkeypatch):
    monkeypatch.setattr(tools.os, "geteuid", lambda: 0)
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["cluster", "status"])
    assert result.exit_code == 1
    assert "astroshop cluster up" in result.output


def test_the_wheels_provide_terraform_and_the_null_provider():
    binary, version = tools.null_provider()
    assert binary.is_file() and version.count(".") == 2
    assert tools.terraform().is_file()


@pytest.mark.parametrize("args", [["host-down", "app2"], ["partition", "app2"],
                                  ["recover-host", "app2"]])
def test_host_faults_stand_beside_the_stack_faults_too(args, tmp_path, monkeypatch):
    monkeypatch.setattr(tools.os, "geteuid", lambda: 0)
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["fault", *args])
    assert result.exit_code == 1
    assert "no cluster" in result.output and "astroshop cluster up" in result.output
