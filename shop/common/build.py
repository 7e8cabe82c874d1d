"""The build a process runs, its version and git commit: in /healthz, in the
`astroshop_build_info` metric, in a response header and in the storefront footer.

A release writes BUILD.json beside the code it builds (`astroshop release`), so a process
reports the build of the code it really imported; without one (a checkout run as it is) the
harness passes ASTROSHOP_BUILD_VERSION and ASTROSHOP_BUILD_COMMIT, else the package's own
version is reported with an unknown commit.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Mapping

BUILD_FILE = Path(__file__).resolve().parent.parent / "BUILD.json"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Build:
    """A version string and the git commit it was built from."""

    version: str
    commit: str

    def shown(self) -> str:
        """`0.1.0+g1a2b3c4d5e6f (1a2b3c4d5e6f)`, the commit cut to 12 characters."""
        return f"{self.version} ({self.commit[:12]})"

    def as_dict(self) -> dict[str, str]:
        """The JSON form /healthz answers with."""
        return {"version": self.version, "commit": self.commit}


def package_version() -> str:
    """The installed astroshop package's version, or `unknown`."""
    try:
        return version("astroshop")
    except PackageNotFoundError:
        return UNKNOWN


def current(config: Mapping[str, object], build_file: Path = BUILD_FILE) -> Build:
    """This process's build: BUILD.json beside the code, else the environment, else the
    package version with an unknown commit."""
    if build_file.is_file():
        data = json.loads(build_file.read_text())
        return Build(str(data["version"]), str(data["commit"]))
    return Build(str(config.get("BUILD_VERSION") or package_version()),
                 str(config.get("BUILD_COMMIT") or UNKNOWN))
