"""Running `astroshop release` as a person does (a subprocess), and reading what it wrote."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import requests
import yaml

from harness.release.result import ReleaseResult, read

ASTROSHOP = [str(Path(sys.executable).parent / "astroshop")]


def policy(folder: Path, **fields) -> Path:
    """A release policy file in `folder` with `fields` over the defaults."""
    path = folder / "policy.yaml"
    path.write_text(yaml.safe_dump(fields))
    return path


def astroshop(*args: str, reports: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    """One `astroshop` command against the stack of $ASTROSHOP_RUN_DIR."""
    env = {**os.environ, "ASTROSHOP_REPORTS_DIR": str(reports)}
    return subprocess.run([*ASTROSHOP, *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def release(*args: str, reports: Path) -> tuple[subprocess.CompletedProcess, ReleaseResult]:
    """`astroshop release ...`: how it ended and the result its report folder holds."""
    done = astroshop("release", *args, reports=reports)
    found = re.search(r"^RUN_ID=(\S+)$", done.stdout, re.MULTILINE)
    assert found, f"no RUN_ID in the output:\n{done.stdout}\n{done.stderr}"
    return done, read(reports / found[1] / "release.json")


def healthz(address: str) -> dict:
    """A replica's /healthz answer."""
    return requests.get(f"http://{address}/healthz", timeout=3).json()
