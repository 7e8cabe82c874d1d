"""Where things live on a host: the layout the `common` role's defaults define, in Python,
for the checks that verify it (a unit test keeps the two identical)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True)
class HostLayout:
    """The directories and files of one host, below its host directory."""

    host_dir: str

    def path(self, *parts: str) -> str:
        """A path below the host directory."""
        return str(PurePosixPath(self.host_dir, *parts))

    @property
    def venv(self) -> str:
        return self.path("venv")

    @property
    def code(self) -> str:
        return self.path("app")

    @property
    def etc(self) -> str:
        return self.path("etc")

    @property
    def programs(self) -> str:
        return self.path("etc", "supervisor.d")

    @property
    def supervisor_conf(self) -> str:
        return self.path("etc", "supervisord.conf")

    @property
    def log(self) -> str:
        return self.path("log")

    @property
    def data(self) -> str:
        return self.path("data")

    @property
    def run(self) -> str:
        return self.path("run")

    @property
    def flags(self) -> str:
        """The host's live fault flag file (ASTROSHOP_FLAGS_FILE of its replicas)."""
        return self.path("etc", "flags.json")

    @property
    def signing_keys(self) -> str:
        """The accounts service's signing key set (ASTROSHOP_SIGNING_KEYS), 0600."""
        return self.path("etc", "keys", "keyset.json")

    @property
    def envoy_tls(self) -> str:
        """The edge's certificate: server-<id>/ folders and `live`, as in a run directory."""
        return self.path("etc", "envoy", "tls")

    @property
    def envoy_run(self) -> str:
        """Envoy's own run folder (its user's, 0700): the admin socket."""
        return self.path("run", "envoy")

    @property
    def envoy_admin(self) -> str:
        return self.path("run", "envoy", "admin.sock")

    @property
    def prometheus_rules(self) -> str:
        return self.path("etc", "prometheus", "rules")

    def programs_file(self, name: str) -> str:
        """A supervisor file of the host: one per role (`astroshop_service` holds every replica)."""
        return self.path("etc", "supervisor.d", f"{name}.conf")

    def supervisorctl(self) -> list[str]:
        """The argv prefix that controls this host's supervisor."""
        return [self.path("venv", "bin", "supervisorctl"), "-c", self.supervisor_conf]

    def supervisord(self) -> list[str]:
        """The argv that starts this host's supervisor."""
        return [self.path("venv", "bin", "supervisord"), "-c", self.supervisor_conf]
