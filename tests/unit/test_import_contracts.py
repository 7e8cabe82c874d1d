"""The import contracts of pyproject.toml hold: no import runs back up the harness's strata,
the shop never imports the harness, and no service imports another."""
import subprocess
import sys
import tomllib
from pathlib import Path

from harness.paths import REPO_ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_every_import_contract_is_kept():
    done = subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_the_strata_are_written_down_top_to_bottom():
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    strata = next(c for c in config["contracts"] if c["name"].startswith("Three strata"))
    assert strata["exhaustive"] and strata["layers"][:2] == ["cli", "commands"]
    workflows = {name.strip() for name in strata["layers"][2].split(":")}
    assert {"bdd", "cluster", "containers", "dashboards", "faults", "gate", "k8s", "load",
            "report"} <= workflows
    model = {name.strip() for name in strata["layers"][3].split(":")}
    assert {"model", "paths", "stack", "target", "envoy", "prometheus", "slo"} <= model
