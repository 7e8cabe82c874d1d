"""The conventions every `astroshop` command keeps: a --help that loads no command, every
command in the lazy listing, errors on stderr, --version, and the gate's exit codes."""
import importlib
import json
import pkgutil
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from harness import commands
from harness.cli import COMMANDS, main
from harness.commands import gate as gate_command
from harness.flags import install_defaults
from harness.gateresult import GateResult, Verdict
from tests.unit.harness.report_sample import SAMPLE_GATE

HEAVY = ("locust", "matplotlib", "prometheus_api_client", "ansible", "python_on_whales",
         "grafanalib", "requests", "pydantic", "jinja2", "psutil", "yaml", "gevent")
HELP_AND_MODULES = """
import json, sys
from harness.cli import main
try:
    main(["--help"])
except SystemExit as done:
    print(json.dumps({"code": done.code, "modules": sorted(sys.modules)}))
"""


def test_help_lists_every_command_without_importing_any_heavy_module():
    done = subprocess.run([sys.executable, "-c", HELP_AND_MODULES], capture_output=True,
                          text=True, timeout=60)
    *shown, last = done.stdout.strip().splitlines()
    answer = json.loads(last)
    assert answer["code"] == 0, done.stderr
    loaded = {name.split(".")[0] for name in answer["modules"]}
    assert not loaded & set(HEAVY), f"--help imported {sorted(loaded & set(HEAVY))}"
    assert not [m for m in answer["modules"] if m.startswith("harness.commands.")
                and m not in ("harness.commands.lazy", "harness.commands.version")]
    listed = {line.split()[0] for line in shown if line.startswith("  ") and line.split()}
    assert set(COMMANDS) <= listed


def top_level_commands() -> set[int]:
    """Every click command defined in harness/commands/ that no group holds (by id)."""
    found, held = set(), set()
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, click.Command) and value.callback.__module__ == module.__name__:
                found.add(id(value))
            if isinstance(value, click.Group):
                held |= {id(child) for child in value.commands.values()}
    return found - held


def test_the_lazy_listing_names_every_top_level_command_where_it_is():
    context = click.Context(main)
    listed = {name: main.get_command(context, name) for name in COMMANDS}
    assert all(command.name == name for name, command in listed.items())
    assert {id(command) for command in listed.values()} == top_level_commands()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_listing_shows_each_command_s_own_short_help(name):
    command = main.get_command(click.Context(main), name)
    listing = CliRunner().invoke(main, ["--help"], terminal_width=200).output
    assert command.get_short_help_str(200 - 6 - max(map(len, COMMANDS))) in listing


def test_version_names_the_package_and_its_commit():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("astroshop 0.1.0")


@pytest.mark.parametrize("args, code, message", [
    (["up", "--replicas", "catalog=x"], 2, "catalog=x"),
    (["report", "show", "no-such-run"], 2, "astroshop report list"),
    (["fault", "set", "noSuchFlag", "on"], 2, "unknown flag"),
])
def test_errors_go_to_stderr_with_their_exit_code(args, code, message, tmp_path, monkeypatch):
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    monkeypatch.setenv("ASTROSHOP_REPORTS_DIR", str(tmp_path))
    install_defaults(tmp_path / "flags.json")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    assert message in result.stderr and "error" in result.stderr
    assert message not in result.stdout and "Traceback" not in result.output


def test_status_without_a_stack_cannot_report_and_says_so_in_json(tmp_path, monkeypatch):
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["status", "--json"])
    assert result.exit_code == 3 and json.loads(result.stdout) == {"running": False,
                                                                   "processes": []}


def faked_gate(monkeypatch, status: str):
    """Make `astroshop gate` judge nothing and come out as `status`."""
    def run_gate(options, console):
        verdict = Verdict.of(status, 0.8, [f"it was a {status}"], options.fail_on)
        return GateResult.model_validate({**SAMPLE_GATE, "verdict": verdict.model_dump(),
                                          "fail_on": options.fail_on}), None
    monkeypatch.setattr(gate_command, "run_gate", run_gate)


@pytest.mark.parametrize("status, fail_on, code", [
    ("pass", "fail", 0), ("fail", "fail", 1), ("cannot judge", "fail", 3),
    ("warning", "fail", 4), ("warning", "warning", 1), ("pass", "warning", 0)])
def test_the_gate_exits_with_its_verdict_s_code(monkeypatch, tmp_path, status, fail_on, code):
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path))
    faked_gate(monkeypatch, status)
    result = CliRunner().invoke(main, ["gate", "--fail-on", fail_on, "--json"])
    assert result.exit_code == code, result.output
    gate = GateResult.model_validate_json(result.stdout)
    assert (gate.verdict.status, gate.verdict.exit_code, gate.fail_on) == (status, code, fail_on)
