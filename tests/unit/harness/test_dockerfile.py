"""The one Dockerfile: clean under hadolint, multi-stage, non-root, health-checked, small."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from harness.containers import images
from harness.paths import REPO_ROOT

DOCKERFILE = REPO_ROOT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"
REQUIREMENT_FILES = [REPO_ROOT / "harness/containers/shop-requirements.txt",
                     REPO_ROOT / "harness/containers/envoy-requirements.txt"]


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of every Dockerfile line, continuations joined."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
            for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def stages() -> dict[str, list[tuple[str, str]]]:
    """Each stage's name and instructions, in order."""
    result: dict[str, list[tuple[str, str]]] = {}
    current = None
    for op, args in instructions():
        if op == "FROM":
            current = args.split(" AS ")[-1].strip() if " AS " in args else args
            result[current] = []
        elif current is not None:
            result[current].append((op, args))
    return result


def names(path: Path) -> list[str]:
    """The distribution names listed in a requirements file."""
    return [canonicalize_name(Requirement(line).name) for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def test_hadolint_passes():
    result = subprocess.run([str(HADOLINT), str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_catches_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install flask\nCMD python app.py\n")
    result = subprocess.run([str(HADOLINT), str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert {"DL3007", "DL3013", "DL3025"} <= set(re.findall(r"DL\d{4}", result.stdout))


def test_runtime_stages_run_as_non_root_with_a_health_check():
    for name in ("envoy", "service"):
        ops = dict(stages()[name])
        user = ops["USER"].split(":")[0]
        assert user.isdigit() and int(user) != 0, f"{name} runs as {user}"
        assert ops["HEALTHCHECK"].endswith(
            'CMD ["python", "/usr/local/bin/astroshop-healthcheck"]'), ops["HEALTHCHECK"]
        assert "--interval=" in ops["HEALTHCHECK"]


def test_the_service_is_chosen_by_build_arguments_and_is_the_default_target():
    all_stages = stages()
    assert list(all_stages)[-1] == "service", "the last stage is what a plain build makes"
    declared = {args.split("=")[0] for op, args in all_stages["service"] if op == "ARG"}
    for spec in images.image_specs():
        assert spec.target in all_stages
        assert set(spec.build_args) <= declared, spec


def test_runtime_images_take_only_the_venv_the_shop_and_envoy_from_the_builder():
    copied = [args for stage in ("runtime", "envoy", "service")
              for op, args in stages()[stage] if op == "COPY"]
    from_builder = [args.split()[1] for args in copied if args.startswith("--from=builder")]
    assert sorted(from_builder) == ["/opt/envoy/envoy/_bin/envoy", "/opt/venv"]
    assert not any(op == "RUN" and "apt-get" in args for stage in stages().values()
                   for op, args in stage)


def test_every_copied_path_passes_the_dockerignore():
    allowed = [line[1:].rstrip("/") for line in (REPO_ROOT / ".dockerignore").read_text()
               .splitlines() if line.startswith("!")]
    for op, args in instructions():
        if op == "COPY" and not args.startswith("--from"):
            for source in args.split()[:-1]:
                assert any(source == a or source.startswith(a + "/") for a in allowed), source


def third_party_imports() -> set[str]:
    """Top-level modules the shop imports that are neither the stdlib nor the shop."""
    modules = set()
    for path in (REPO_ROOT / "shop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "shop"}


def closure(roots: list[str]) -> set[str]:
    """The distributions `roots` install, with everything they require."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": "binary"}):
                todo.append(canonicalize_name(requirement.name))
    return seen


def test_the_image_installs_everything_the_shop_imports():
    installed = closure(names(REQUIREMENT_FILES[0]))
    providers = packages_distributions()
    missing = {module for module in third_party_imports()
               if not {canonicalize_name(d) for d in providers.get(module, [])} & installed}
    assert not missing, f"add to {REQUIREMENT_FILES[0].name}: {sorted(missing)}"


@pytest.mark.parametrize("path", REQUIREMENT_FILES, ids=lambda p: p.name)
def test_image_requirements_are_pinned_in_the_lock(path):
    lock = {canonicalize_name(line.split("==")[0])
            for line in (REPO_ROOT / "requirements.lock").read_text().splitlines() if "==" in line}
    assert set(names(path)) <= lock
