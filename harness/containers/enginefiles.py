"""Where an engine started here keeps its files (<run>/engine/), and what `up` recorded: the
process (pid and start time) and the host's network as it was found."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from harness.containers.hostnet import NetworkState
from harness.paths import RunPaths


@dataclass(frozen=True)
class EngineFiles:
    """The files of one started engine, under <run>/engine/."""

    root: Path

    @classmethod
    def of(cls, run: RunPaths | None = None) -> EngineFiles:
        """The engine files of `run` (default: $ASTROSHOP_RUN_DIR or ./run)."""
        return cls((run or RunPaths.default()).root / "engine")

    @property
    def config(self) -> Path:
        return self.root / "daemon.json"

    @property
    def pid(self) -> Path:
        return self.root / "dockerd.pid"

    @property
    def log(self) -> Path:
        return self.root / "dockerd.log"

    @property
    def state(self) -> Path:
        return self.root / "state.json"


@dataclass
class Started:
    """What `up` recorded: the process (pid and start time) and the host as it found it."""

    pid: int
    create_time: float
    host: str
    data_root: str
    network: NetworkState

    @classmethod
    def load(cls, path: Path) -> Started | None:
        """The recorded state, or None when this run directory started no engine."""
        if not path.exists():
            return None
        raw = json.loads(path.read_text())
        return cls(**{**raw, "network": NetworkState(**raw["network"])})

    def save(self, path: Path) -> None:
        """Write the state as JSON."""
        path.write_text(json.dumps(asdict(self), indent=2) + "\n")
