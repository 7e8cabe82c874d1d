"""The compose project of one run directory: its name, subnet and published ports (from the
port offset, so stacks of parallel runs never meet), its generated secrets, and a client.

Everything lives in <run>/compose/: project.json (what `up` chose), secrets.json (0600: the
stores' generated passwords), compose.env (0600, no secret: what compose interpolates
compose.yaml with), secrets/ (one 0600 file per secret, harness/containers/secretfiles.py) and
keyset.json (0400: the signing key set, as the accounts container's user reads it).
"""
from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from python_on_whales import DockerClient

from harness import databases
from harness.containers import secretfiles
from harness.containers.compose import COMPOSE_FILE, DATA_DIR, REDIS_URL_FILE, STORES_PROFILE
from harness.containers.configs import APP_UID
from harness.containers.engine import ready_client
from harness.model.stores import POSTGRES, REDIS
from harness.model.topology import Topology
from harness.paths import REPO_ROOT, RunPaths
from harness.signing.keyset import copy_for
from harness.stack.options import default_port_offset, secret_key

NAME = "astroshop"
SUBNET = "10.79.{}.0/24"  # inside the engine's pool for compose networks (harness/containers/daemon.py)
FIRST_SLOT = 100  # the engine hands out 10.79.0.0/24 upwards; fixed subnets sit well above


@dataclass(frozen=True)
class ComposeProject:
    """One run directory's compose stack, running or not."""

    root: Path  # the run directory
    offset: int
    stores: bool = False  # PostgreSQL and Redis (the `stores` profile) instead of SQLite

    @classmethod
    def of(cls, run: RunPaths | None = None) -> ComposeProject:
        """The project `up` recorded in the run directory, else one for $ASTROSHOP_PORT_OFFSET."""
        root = (run or RunPaths.default()).root
        found = cls(root, default_port_offset())
        if found.recorded():
            saved = json.loads(found.record.read_text())
            return cls(root, saved["offset"], saved["stores"])
        return found

    @property
    def folder(self) -> Path:
        return self.root / "compose"

    @property
    def env_file(self) -> Path:
        return self.folder / "compose.env"

    @property
    def record(self) -> Path:
        return self.folder / "project.json"

    def recorded(self) -> bool:
        """Whether `up` started this project and no `down` has removed it since."""
        return self.record.exists()

    def forget(self) -> None:
        """After `down`: drop the record and the env file (the passwords stay for the volumes)."""
        self.record.unlink(missing_ok=True)
        self.env_file.unlink(missing_ok=True)

    @property
    def name(self) -> str:
        """The compose project name: `astroshop`, or `astroshop-<offset>`."""
        return NAME if self.offset == 0 else f"{NAME}-{self.offset}"

    @property
    def subnet(self) -> str:
        """The project network's own /24, chosen by the offset's slot (as the cluster's)."""
        return SUBNET.format(FIRST_SLOT + (self.offset // 100) % 100)

    def ports(self) -> dict[str, int]:
        """The published ports on 127.0.0.1: the local stack's, moved by the same offset."""
        shifted = Topology().shifted(self.offset)
        return {"edge": shifted.public_port, "prometheus": shifted.prometheus_port}

    def edge_url(self) -> str:
        return f"http://127.0.0.1:{self.ports()['edge']}"

    def prometheus_url(self) -> str:
        return f"http://127.0.0.1:{self.ports()['prometheus']}"

    def passwords(self) -> dict[str, str]:
        """The stores' passwords: generated on first use, then kept (the volumes hold them)."""
        path = self.folder / "secrets.json"
        if not path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(json.dumps({POSTGRES.name: secrets.token_hex(24),
                                        REDIS.name: secrets.token_hex(24)}))
        return json.loads(path.read_text())

    def signing_keys(self, run: RunPaths) -> Path:
        """The run directory's signing key set, copied (0400) for the accounts container's user."""
        return copy_for(run.signing_keys, self.folder / "keyset.json", APP_UID)

    @property
    def secrets_dir(self) -> Path:
        return self.folder / "secrets"

    def variables(self) -> dict[str, str]:
        """Every variable compose.yaml reads (no secret: where the secret files are)."""
        ports, run = self.ports(), RunPaths(self.root).ensure()
        found = {"ASTROSHOP_PUBLIC_PORT": str(ports["edge"]),
                 "ASTROSHOP_PROMETHEUS_PORT": str(ports["prometheus"]),
                 "ASTROSHOP_COMPOSE_SUBNET": self.subnet,
                 secretfiles.DIR_VARIABLE: str(self.secrets_dir),
                 "ASTROSHOP_SIGNING_KEYS_FILE": str(self.signing_keys(run))}
        if self.stores:
            found[REDIS_URL_FILE] = secretfiles.mounted(secretfiles.REDIS_URL)
        return found

    def secret_values(self) -> dict[str, str]:
        """Every compose secret's value: the session key, the stores' passwords, each SQL
        service's database URL (its PostgreSQL role with the stores, else its SQLite file)."""
        passwords, sql = self.passwords(), databases.sql_services(Topology())
        owner = passwords[POSTGRES.name]
        urls = (databases.derived_urls(sql, owner, POSTGRES.name) if self.stores else
                {name: f"sqlite:///{DATA_DIR}/{name}.db" for name in sql})
        roles = databases.derived_passwords(sql, owner)
        return {secretfiles.SESSION_KEY: secret_key(RunPaths(self.root).ensure()),
                secretfiles.POSTGRES_PASSWORD: owner,
                secretfiles.REDIS_PASSWORD: passwords[REDIS.name],
                secretfiles.REDIS_URL: REDIS.url(REDIS.name, passwords[REDIS.name]),
                **{secretfiles.database_url(name): urls[name] for name in sql},
                **{secretfiles.role_password(name): roles[databases.password_variable(name)]
                   for name in sql}}

    def write(self) -> None:
        """Record the project, write its secret files and its env file (0600)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps(
            {**asdict(self), "root": str(self.root), "name": self.name}, indent=2) + "\n")
        secretfiles.write(self.secrets_dir, self.secret_values(), APP_UID)
        self.env_file.touch(mode=0o600)
        self.env_file.chmod(0o600)
        self.env_file.write_text("".join(f"{key}={value}\n"
                                         for key, value in self.variables().items()))

    def client(self) -> DockerClient:
        """A compose-ready client for this project (EngineUnavailable when there is none)."""
        return ready_client("compose", compose_files=[COMPOSE_FILE],
                            compose_project_directory=REPO_ROOT, compose_project_name=self.name,
                            compose_env_files=[self.env_file] if self.env_file.exists() else [],
                            compose_profiles=[STORES_PROFILE] if self.stores else [])
