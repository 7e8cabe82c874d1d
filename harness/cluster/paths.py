"""Where the cluster keeps its state: a `cluster/` folder inside the run directory."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.stack.runner import Stack


@dataclass(frozen=True)
class ClusterPaths:
    """Every path the cluster commands write, under `<run dir>/cluster`."""

    root: Path

    @classmethod
    def default(cls) -> ClusterPaths:
        """The cluster of the run directory ($ASTROSHOP_RUN_DIR, else ./run)."""
        return cls(Stack.current().paths.root / "cluster")

    @property
    def state(self) -> Path:
        """The cluster's description (settings, hosts, addresses), written after `up`."""
        return self.root / "cluster.json"

    @property
    def terraform_state(self) -> Path:
        return self.root / "terraform.tfstate"

    @property
    def terraform_data(self) -> Path:
        return self.root / "terraform-data"

    @property
    def plugins(self) -> Path:
        return self.root / "terraform-plugins"

    @property
    def hosts(self) -> Path:
        return self.root / "hosts"

    @property
    def ssh(self) -> Path:
        return self.root / "ssh"

    @property
    def ansible(self) -> Path:
        return self.root / "ansible"

    @property
    def inventory(self) -> Path:
        return self.ansible / "inventory.yml"

    @property
    def build(self) -> Path:
        """What the controller builds for the hosts: code archive, rule files, host vars."""
        return self.root / "build"

    @property
    def wheelhouse(self) -> Path:
        """Wheels for the hosts' virtualenvs; kept across `down`, so `up` works offline."""
        return self.root / "wheelhouse"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def secrets(self) -> Path:
        return self.root / "secrets.json"

    @property
    def signing_keys(self) -> Path:
        """The cluster's own signing key set for the accounts service (0600 in 0700)."""
        return self.root / "signing" / "keyset.json"

    @property
    def tls(self) -> Path:
        """The run directory's CA and edge certificate: the cluster's edge serves the same
        CA's certificate as the local stack, with the edge host's address added."""
        return self.root.parent / "tls"

    def host_dir(self, name: str) -> Path:
        """The directory that stands for one host's disk."""
        return self.hosts / name

    def ensure(self) -> ClusterPaths:
        """Create the controller-side directories; return self."""
        for path in (self.root, self.build, self.logs, self.ansible):
            path.mkdir(parents=True, exist_ok=True)
        return self
