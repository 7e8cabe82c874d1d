"""A release's code, built into a directory of its own under the run directory: the shop's
source from a git ref (`git archive`) or from a source directory, with the BUILD.json that
names its version and commit. The stable release's directory is never touched."""
from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness.paths import REPO_ROOT, RunPaths
from harness.stack import builds

SKIP = ("__pycache__", ".pyc")


class BuildError(ValueError):
    """The ref or source cannot be built; the message names it."""


@dataclass(frozen=True)
class Built:
    """A release built and ready to run."""

    version: str
    commit: str
    directory: Path


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """A git command in `repo`, its output captured (bytes)."""
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=60)


def content_hash(shop: Path) -> str:
    """A hash of every source file under `shop` (names and bytes), caches left out."""
    digest = hashlib.sha256()
    for path in sorted(p for p in shop.rglob("*") if p.is_file()):
        if not any(part.endswith(SKIP) for part in path.parts) and path.name != "BUILD.json":
            digest.update(str(path.relative_to(shop)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def from_ref(repo: Path, ref: str, into: Path) -> tuple[str, str]:
    """Extract `shop/` of git `ref` into `into`; its version and commit."""
    found = git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if found.returncode != 0:
        raise BuildError(f"--ref {ref!r} is not a commit of the git repository {repo}")
    commit = found.stdout.decode().strip()
    archive = git(repo, "archive", "--format=tar", commit, "shop")
    if archive.returncode != 0:
        raise BuildError(f"git archive of {ref!r} failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return f"{builds.package_version()}+g{commit[:12]}", commit


def from_source(source: Path, into: Path) -> tuple[str, str]:
    """Copy `source`/shop into `into`; a version from its content, the commit git names."""
    shop = Path(source) / "shop"
    if not shop.is_dir():
        raise BuildError(f"--source {source} holds no shop/ directory")
    shutil.copytree(shop, into / "shop", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    commit = builds.git_commit(Path(source)) if (Path(source) / ".git").exists() else "none"
    return f"{builds.package_version()}+s{content_hash(shop)[:12]}", commit


def from_checkout(into: Path) -> tuple[str, str]:
    """Copy the checkout's shop/ into `into`, named by the checkout's own build."""
    from_source(REPO_ROOT, into)
    found = builds.checkout_build()
    return found["version"], found["commit"]


def build(paths: RunPaths, service: str, *, ref: str | None = None,
          source: Path | None = None, repo: Path | None = None) -> Built:
    """Build `service`'s release from `ref` (in `repo`), `source`, or, with neither, the
    checkout itself (what a service runs before its first promotion); reuse an identical one."""
    root = builds.service_root(paths, service)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix=".building-") as work:
        work = Path(work)
        version, commit = (from_ref(Path(repo), ref, work) if ref else
                           from_source(Path(source), work) if source else from_checkout(work))
        if not (work / "shop" / service / "__init__.py").is_file():
            raise BuildError(f"the build holds no shop/{service}/ package")
        (work / "shop" / "BUILD.json").write_text(json.dumps(
            {"version": version, "commit": commit, "service": service}, indent=2))
        target = builds.code_dir(paths, service, version)
        if not target.exists():
            (work / "shop").rename(work / "code")
            target.mkdir()
            (work / "code").rename(target / "shop")
    return Built(version, commit, target)
