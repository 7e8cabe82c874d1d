"""A HOME for the suite's headless Chromium whose NSS database trusts the project CA.

Chromium on Linux takes locally trusted roots from $HOME/.pki/nssdb. The suite starts its
browser with a HOME of its own making (a temporary folder) holding a database with the one
CA added, so certificate checks stay on and the person's own browser and HOME are untouched.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

NICKNAME = "AstroShop local CA"
TRUSTED_FOR_SERVERS = "C,,"  # a CA trusted to issue server certificates, nothing else


def certutil() -> str:
    """NSS's certutil (Debian package libnss3-tools), or a message saying how to get it."""
    found = shutil.which("certutil")
    if found is None:
        raise FileNotFoundError("no certutil: install the Debian package libnss3-tools "
                                "(scripts/bootstrap.sh does)")
    return found


def trusting_home(ca: Path, home: Path) -> Path:
    """Make `home`/.pki/nssdb (0700) trusting `ca` for servers; return `home`."""
    database = home / ".pki" / "nssdb"
    database.mkdir(mode=0o700, parents=True, exist_ok=True)
    where = f"sql:{database}"
    for args in (["-N", "--empty-password"],
                 ["-A", "-n", NICKNAME, "-t", TRUSTED_FOR_SERVERS, "-i", str(ca)]):
        subprocess.run([certutil(), "-d", where, *args], check=True, capture_output=True,
                       timeout=30)
    return home
