"""The edge's certificate files in a run directory, and their atomic rotation.

`<run>/tls/` (0700) holds ca.pem and ca-key.pem, one `server-<n>/` per certificate issued
(cert.pem, key.pem) and `live`, a link to the newest. Envoy reads live/cert.pem and
live/key.pem through SDS and watches `tls/` (watched_directory): a rotation writes
`server-<n+1>/` in full, then renames a fresh link over `live`, one atomic move, so Envoy
never reads a new certificate with an old key. Every file is created 0600, never chmod-ed.
"""
from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature

from harness.certs.authority import Issued, days_left, issue_server, names_of, new_ca

RENEW_DAYS = 14  # a server certificate closer than this to its end is replaced by `ensure`
KEEP = 2  # server-<n>/ directories kept: the live one and the one before it
GENERATION = re.compile(r"server-(\d+)")


@dataclass(frozen=True)
class TlsDir:
    """The certificate files of one run directory."""

    root: Path

    @property
    def ca_cert(self) -> Path:
        return self.root / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.root / "ca-key.pem"

    @property
    def live(self) -> Path:
        return self.root / "live"

    @property
    def cert(self) -> Path:
        return self.live / "cert.pem"

    @property
    def key(self) -> Path:
        return self.live / "key.pem"

    @property
    def sds(self) -> Path:
        """The SDS resource file that names cert and key for Envoy."""
        return self.root / "sds.yaml"


def private_dir(path: Path) -> Path:
    """`path` as a directory created 0700 (an existing one is kept as it is)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write `data` to `path` through a new 0600 file renamed over it (no moment more open)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return path


def authority(tls: TlsDir) -> Issued:
    """The run directory's CA, created on first use."""
    if tls.ca_cert.is_file() and tls.ca_key.is_file():
        return Issued(tls.ca_cert.read_bytes(), tls.ca_key.read_bytes())
    private_dir(tls.root)
    made = new_ca()
    write_private(tls.ca_key, made.key_pem)
    write_private(tls.ca_cert, made.cert_pem)
    return made


def current(tls: TlsDir) -> Issued | None:
    """The live server certificate and key, or None when none was issued."""
    if not (tls.cert.is_file() and tls.key.is_file()):
        return None
    return Issued(tls.cert.read_bytes(), tls.key.read_bytes())


def generations(tls: TlsDir) -> list[Path]:
    """Every `server-<n>/` directory, oldest first."""
    found = [(int(m.group(1)), path) for path in tls.root.glob("server-*")
             if (m := GENERATION.fullmatch(path.name)) and path.is_dir()]
    return [path for _, path in sorted(found)]


def install(tls: TlsDir, issued: Issued) -> Path:
    """Write `issued` as the next generation and make it live in one rename; prune old ones."""
    existing = generations(tls)
    number = int(GENERATION.fullmatch(existing[-1].name).group(1)) + 1 if existing else 1
    folder = private_dir(tls.root / f"server-{number}")
    write_private(folder / "key.pem", issued.key_pem)
    write_private(folder / "cert.pem", issued.cert_pem)
    link = tls.root / f".live-{number}"
    link.unlink(missing_ok=True)
    os.symlink(folder.name, link)
    os.replace(link, tls.live)
    for old in generations(tls)[:-KEEP]:
        shutil.rmtree(old)
    return folder


def rotate(tls: TlsDir, names: Iterable[str] = ()) -> Issued:
    """Issue a new server certificate (new key) for the live one's names plus `names`."""
    live = current(tls)
    wanted = set(names) | (names_of(live.cert) if live else set())
    issued = issue_server(authority(tls), wanted)
    install(tls, issued)
    return issued


def ensure(tls: TlsDir, names: Iterable[str]) -> Issued:
    """A live certificate covering `names` and not about to expire: the current one when it
    does, else a new one (the CA is made once and kept, so clients keep trusting it)."""
    names = set(names)
    ca, live = authority(tls), current(tls)
    if (live and signed_by(live, ca) and names <= names_of(live.cert)
            and days_left(live.cert) > RENEW_DAYS):
        return live
    return rotate(tls, names)


def signed_by(issued: Issued, ca: Issued) -> bool:
    """Whether `ca` signed `issued` (a CA made again leaves the old certificates unsigned)."""
    try:
        issued.cert.verify_directly_issued_by(ca.cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
