"""Byte-for-byte reproducible archives of what the hosts get (the shop's code, the wheels),
so a deploy copies, unpacks and restarts only when the content really changed."""
from __future__ import annotations

import gzip
import hashlib
import io
import tarfile
from pathlib import Path

from harness.paths import REPO_ROOT

CODE_PACKAGES = ("shop",)
SKIP = ("__pycache__", ".pyc", ".pytest_cache")


def code_files(root: Path = REPO_ROOT) -> list[tuple[str, Path]]:
    """(archive name, file) of every file of the deployed packages, without caches."""
    files = [path for package in CODE_PACKAGES for path in (root / package).rglob("*")
             if path.is_file() and not any(part.endswith(SKIP) for part in path.parts)]
    return [(str(path.relative_to(root)), path) for path in sorted(files)]


def folder_files(folder: Path, pattern: str = "*") -> list[tuple[str, Path]]:
    """(archive name, file) of the files of `folder` matching `pattern`, flat."""
    return [(path.name, path) for path in sorted(folder.glob(pattern)) if path.is_file()]


def pack(members: list[tuple[str, Path]], compress: bool) -> bytes:
    """A tar (gzipped when `compress`) with fixed owners, modes and times."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path in members:
            data = path.read_bytes()
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime, info.uid, info.gid = len(data), 0o644, 0, 0, 0
            info.uname = info.gname = "root"
            tar.addfile(info, io.BytesIO(data))
    if not compress:
        return raw.getvalue()
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", mtime=0) as gz:
        gz.write(raw.getvalue())
    return packed.getvalue()


def write(target: Path, data: bytes) -> str:
    """Write `data` to `target` unless it is already identical; return its sha256."""
    if not target.exists() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return hashlib.sha256(data).hexdigest()
