"""What a stack was started with, saved in the run directory so every command agrees."""
from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from harness.model.stores import role
from harness.model.topology import FAST_ALERTS, Topology
from harness.paths import RunPaths, private_dir, write_private


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
        """The database URL of one service: its own SQLite file, or with --database-url its own
        role (harness/databases.py) on that PostgreSQL, with a password generated for it."""
        if not self.database_url:
            return f"sqlite:///{paths.data / service}.db"
        url = make_url(self.database_url).set(username=role(service),
                                              password=generated(paths, service, "database"))
        return url.render_as_string(hide_password=False)

    def save(self, paths: RunPaths) -> None:
        """Write the options to state.json (0600: store URLs may carry passwords)."""
        write_private(paths.state, json.dumps(asdict(self), indent=2))

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


def kept_secret(path: Path) -> str:
    """The secret in `path`, generated into a file created 0600 (folder 0700) the first time."""
    if not path.exists():
        write_private(private_dir(path.parent) / path.name, secrets.token_hex(32))
    return path.read_text().strip()


def secret_key(paths: RunPaths) -> str:
    """The deployment secret (sessions, request fingerprints), kept per run directory."""
    return kept_secret(paths.secret)


def generated(paths: RunPaths, service: str, purpose: str) -> str:
    """A password of one service's (its database role's), kept per run directory."""
    return kept_secret(paths.secrets / service / f"{purpose}-password")
