"""The run directory: generated configs, logs, databases and metrics of one local stack."""
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
    def signing_keys(self) -> Path:
        """The accounts service's signing key set (harness/signing/keyset.py), 0600 in 0700."""
        return self.root / "keys" / "keyset.json"

    @property
    def flags(self) -> Path:
        """The live flag file every service reads (ASTROSHOP_FLAGS_FILE)."""
        return self.root / "flags.json"

    def ensure(self) -> RunPaths:
        """Create the directories; return self."""
        for path in (self.root, self.logs, self.data, self.metrics):
            path.mkdir(parents=True, exist_ok=True)
        return self

    def log_of(self, process: str) -> Path:
        """The log file of one supervised process."""
        return self.logs / f"{process}.log"
