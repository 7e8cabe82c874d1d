"""The service image's runtime contract, played without an engine: the Dockerfile's ENV, CMD
and HEALTHCHECK run for real (sh, gunicorn, the health check script) on a copy of shop/ alone,
with the image's paths mapped onto a temporary directory and the project's virtualenv."""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from harness.containers import images
from harness.paths import REPO_ROOT
from harness.polling import poll_until
from tests.support.servers import free_port


def service_stage() -> list[tuple[str, str]]:
    """The instructions of the runtime and service stages, continuations joined."""
    text = re.sub(r"\\\n", " ", (REPO_ROOT / "Dockerfile").read_text())
    lines = [line.strip() for line in text.splitlines() if line.strip()
             and not line.lstrip().startswith("#")]
    picked, keep = [], False
    for line in lines:
        op, _, args = line.partition(" ")
        if op == "FROM":
            keep = args.endswith(("AS runtime", "AS service"))
        elif keep:
            picked.append((op, args.strip()))
    return picked


def substitute(value: str, variables: dict[str, str]) -> str:
    """Expand ${NAME} and $NAME as the Dockerfile does at build time."""
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: variables.get(m[1] or m[2], ""), value)


@pytest.fixture
def contract(tmp_path):
    """The catalog image's environment, command and health check, mapped onto tmp_path."""
    app = tmp_path / "app"
    shutil.copytree(REPO_ROOT / "shop", app / "shop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    port = free_port()
    spec = next(s for s in images.image_specs() if s.name == "catalog")
    variables = {**spec.build_args, "PORT": str(port), "PATH": os.environ["PATH"]}
    mapped = {"/opt/venv/bin": str(Path(sys.executable).parent), "/app": str(app),
              "/tmp/metrics": str(tmp_path / "metrics"), "0.0.0.0": "127.0.0.1"}
    env, command, health, copies = {}, None, None, {}
    for op, args in service_stage():
        if op == "ENV":
            for pair in shlex.split(args):
                key, _, value = pair.partition("=")
                value = substitute(value, {**variables, **env})
                for image_path, local in mapped.items():
                    value = value.replace(image_path, local)
                env[key] = value
        elif op == "COPY" and not args.startswith("--from"):
            source, target = args.split()
            copies[target] = str(REPO_ROOT / source)
        elif op == "CMD":
            command = json.loads(args)
        elif op == "HEALTHCHECK":
            health = json.loads(args[args.index("CMD") + 3:])
    health = [copies.get(word, word) for word in health]
    return {"env": env, "command": command, "health": health, "cwd": app, "port": port}


def test_the_catalog_image_command_serves_and_passes_its_health_check(contract):
    env = contract["env"]
    assert env["ASTROSHOP_SERVICE"] == "catalog" and env["SERVICE_PORT"] == str(contract["port"])
    process = subprocess.Popen(contract["command"], cwd=contract["cwd"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        def healthy() -> bool:
            assert process.poll() is None, process.stderr.read().decode()[-2000:]
            return subprocess.run(contract["health"], env=env, capture_output=True).returncode == 0

        poll_until(healthy, 60, "the image's HEALTHCHECK passing")
        answer = requests.get(f"http://127.0.0.1:{contract['port']}/api/products", timeout=5)
        assert answer.status_code == 200 and answer.json()["products"]
        metrics = requests.get(f"http://127.0.0.1:{contract['port']}/metrics", timeout=5).text
        assert 'service="catalog"' in metrics
    finally:
        process.terminate()
        process.wait(30)
    assert process.returncode == 0, "gunicorn stops cleanly on SIGTERM (exec'd by sh)"
