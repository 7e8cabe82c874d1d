"""What a stack was started with, saved in the run directory so every command agrees."""
from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass, field

from harness.paths import RunPaths
from harness.model.topology import FAST_ALERTS, Topology


@dataclass
class StackOptions:
    """Choices made at `astroshop up`: replicas, stores, and whether plain HTTP is closed."""

    replicas: dict[str, int] = field(default_factory=dict)
    database_url: str = ""
    redis_url: str = ""
    scrape_interval_s: int = 5
    port_offset: int = field(default_factory=lambda: default_port_offset())
    tls_only: bool = False  # plain HTTP answers only with a redirect to HTTPS
    canaries: int = 1  # canary replicas a release may start per service (`astroshop release`)

    def topology(self) -> Topology:
        """The topology these options describe."""
        base = Topology(scrape_interval_s=self.scrape_interval_s, alert_timing=FAST_ALERTS)
        return (base.with_replicas(self.replicas).with_canaries(self.canaries)
                .shifted(self.port_offset))

    def database_for(self, paths: RunPaths, service: str) -> str:
        """The database URL of one service: shared PostgreSQL, or its own SQLite file."""
        return self.database_url or f"sqlite:///{paths.data / service}.db"

    def save(self, paths: RunPaths) -> None:
        """Write the options to state.json."""
        paths.state.write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, paths: RunPaths) -> StackOptions:
        """The options of the stack in `paths`, or defaults when none was started."""
        if not paths.state.exists():
            return cls()
        return cls(**json.loads(paths.state.read_text()))


def default_port_offset() -> int:
    """$ASTROSHOP_PORT_OFFSET (so parallel test runs and stacks stay apart), else 0."""
    value = os.environ.get("ASTROSHOP_PORT_OFFSET", "0")
    if not value.lstrip("-").isdigit():
        raise ValueError(f"ASTROSHOP_PORT_OFFSET must be a whole number, got {value!r}")
    return int(value)


def secret_key(paths: RunPaths) -> str:
    """The frontend's session secret: generated once per run directory, then reused."""
    if not paths.secret.exists():
        paths.secret.write_text(secrets.token_hex(32))
        paths.secret.chmod(0o600)
    return paths.secret.read_text().strip()
