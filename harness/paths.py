"""The run directory: generated configs, logs, databases and metrics of one local stack.

It is private: every directory is made 0700 and every file that holds a secret is created
0600 from the start (`write_private`), never written and then narrowed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class RunPaths:
    """Every path the local stack writes, under one root that git ignores."""

    root: Path

    @classmethod
    def default(cls) -> RunPaths:
        """$ASTROSHOP_RUN_DIR, or ./run at the repository root."""
        return cls(Path(os.environ.get("ASTROSHOP_RUN_DIR", REPO_ROOT / "run")).resolve())

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def metrics(self) -> Path:
        return self.root / "metrics"

    @property
    def supervisor_conf(self) -> Path:
        return self.root / "supervisord.conf"

    @property
    def supervisor_sock(self) -> Path:
        return self.root / "supervisor.sock"

    @property
    def supervisor_pid(self) -> Path:
        return self.root / "supervisord.pid"

    @property
    def state(self) -> Path:
        return self.root / "state.json"

    @property
    def envoy_conf(self) -> Path:
        return self.root / "envoy.yaml"

    @property
    def tls(self) -> Path:
        """The edge's CA and certificates (harness/certs/files.py)."""
        return self.root / "tls"

    @property
    def secret(self) -> Path:
        return self.root / "secret-key"

    @property
    def secrets(self) -> Path:
        """Per-service secret files (ASTROSHOP_*_FILE), one folder per service."""
        return self.root / "secrets"

    @property
    def envoy_admin(self) -> Path:
        """Envoy's admin: a Unix socket only this user may open (mode 0600)."""
        return self.root / "envoy-admin.sock"

    @property
    def signing_keys(self) -> Path:
        """The accounts service's signing key set (harness/signing/keyset.py), 0600 in 0700."""
        return self.root / "keys" / "keyset.json"

    @property
    def flags(self) -> Path:
        """The live flag file every service reads (ASTROSHOP_FLAGS_FILE)."""
        return self.root / "flags.json"

    def ensure(self) -> RunPaths:
        """Create the directories 0700 (inner ones of an older run are narrowed to 0700; the
        root is left as it is: a cluster's hosts must traverse it, see ClusterPaths); self."""
        private_dir(self.root)
        for path in (self.logs, self.data, self.metrics, self.secrets):
            private_dir(path).chmod(0o700)
        return self

    def secret_file(self, service: str, variable: str) -> Path:
        """Where one service's secret `variable` is kept (its ASTROSHOP_*_FILE)."""
        return self.secrets / service / variable.lower()

    def log_of(self, process: str) -> Path:
        """The log file of one supervised process."""
        return self.logs / f"{process}.log"


def private_dir(path: Path) -> Path:
    """`path` as a directory created 0700 (an existing one is kept as it is)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def write_private(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` through a new 0600 file renamed over it (no moment more open)."""
    data = data.encode() if isinstance(data, str) else data
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return path
