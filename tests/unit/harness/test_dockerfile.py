"""The one Dockerfile: clean under hadolint, offline (no frontend pull, no index, hashes
checked), non-root, health-checked, and copying only what the assembled context holds."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from harness.containers import base, context, images

DOCKERFILE = images.DOCKERFILE
HADOLINT = Path(sys.executable).parent / "hadolint"


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
            current = args.split(" AS ")[-1].strip()
            result[current] = []
        elif current is not None:
            result[current].append((op, args))
    return result


def test_hadolint_passes():
    own = [spec.dockerfile for spec in images.SPECS if spec.own_folder]
    result = subprocess.run([str(HADOLINT), str(DOCKERFILE), *map(str, own)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_images_of_their_own_run_as_the_shops_user_with_a_health_check():
    for spec in images.SPECS:
        if spec.own_folder:
            text = spec.dockerfile.read_text()
            assert "USER 10001:10001" in text and "HEALTHCHECK" in text, spec.name
            assert "ARG BASE_IMAGE" in text and not text.startswith("# syntax"), spec.name


def test_hadolint_catches_a_bad_dockerfile(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python:latest\nRUN pip install flask\nCMD python app.py\n")
    result = subprocess.run([str(HADOLINT), str(bad)], capture_output=True, text=True)
    assert result.returncode != 0
    assert {"DL3007", "DL3013", "DL3025"} <= set(re.findall(r"DL\d{4}", result.stdout))


def test_no_parser_directive_so_buildkit_pulls_no_frontend():
    first = DOCKERFILE.read_text().splitlines()[0]
    assert not re.match(r"#\s*(syntax|escape|check)\s*=", first, re.IGNORECASE), first


def test_the_default_base_is_the_one_pulled_from_a_registry():
    assert ("ARG", f"BASE_IMAGE={base.PULLED}") in instructions()
    assert all(args.startswith("${BASE_IMAGE}") or args.split()[0] in stages()
               for op, args in instructions() if op == "FROM")


def test_each_image_is_a_stage_and_the_shop_is_the_default_target():
    assert [s.name for s in images.SPECS if not s.own_folder] == [images.ENVOY, images.SHOP]
    assert [s.name for s in images.SPECS if s.own_folder] == [
        images.PROMETHEUS, images.POSTGRES, images.REDIS]
    assert {spec.name for spec in images.SPECS if not spec.own_folder} <= set(stages())
    assert list(stages())[-1] == images.SHOP, "the last stage is what a plain build makes"


def test_images_run_as_non_root_with_a_health_check():
    for name in (images.ENVOY, images.SHOP):
        ops = dict(stages()[name])
        user, group = ops["USER"].split(":")
        assert user.isdigit() and int(user) != 0 and group.isdigit(), f"{name} runs as {user}"
        assert ops["HEALTHCHECK"].endswith(
            'CMD ["python3", "/usr/local/bin/astroshop-healthcheck"]'), ops["HEALTHCHECK"]


def test_images_take_installed_packages_but_not_the_installer():
    copied = [args.split() for name in (images.ENVOY, images.SHOP)
              for op, args in stages()[name] if op == "COPY" and args.startswith("--from=")]
    assert sorted((c[0], c[1]) for c in copied) == [
        ("--from=envoy-binary", "/opt/envoy/envoy/_bin/envoy"), ("--from=venv", "/opt/venv")]
    installs = [args for stage in stages().values() for op, args in stage
                if op == "RUN" and "pip" in args and " install " in args]
    assert len(installs) == 2 and all("--require-hashes" in a and "--only-binary=:all:" in a
                                      for a in installs)
    assert "PIP_NO_INDEX=1" in dict(stages()["installer"])["ENV"]
    assert not any("apt-get" in args or "curl" in args or "wget" in args
                   for op, args in instructions() if op == "RUN")


def test_every_copied_source_is_in_the_assembled_context():
    provided = {f"wheels/{name}" for name in context.WHEELS} | {"shop",
                                                                context.HEALTHCHECK.name}
    for op, args in instructions():
        if op == "COPY" and not args.startswith("--from"):
            for source in args.split()[:-1]:
                assert source.rstrip("/") in provided, source


def test_the_shop_command_names_the_missing_service():
    shell, flag, command = json.loads(dict(stages()[images.SHOP])["CMD"])
    assert (shell, flag) == ("sh", "-c") and command.startswith("exec python -m shop.common.serve ")
    assert "${ASTROSHOP_SERVICE:?" in command and '"0.0.0.0:${SERVICE_PORT}"' in command
