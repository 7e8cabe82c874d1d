"""What a cluster is: its settings, its hosts with roles and addresses, saved as JSON."""
from __future__ import annotations

import ipaddress
import json
from dataclasses import asdict, dataclass, field

from harness.cluster.paths import ClusterPaths
from harness.cluster.tools import ClusterError
from harness.model.hosts import HOST_ROLES

@dataclass(frozen=True)
class Settings:
    """The Terraform variables a cluster was made with."""

    host_count: int = 3
    subnet: str = "10.77.0.0/24"
    bridge: str = "astro-br0"
    name_prefix: str = "astro-"

    def variables(self, paths: ClusterPaths) -> dict[str, str]:
        """The -var values for terraform apply and destroy."""
        return {"host_count": str(self.host_count), "subnet": self.subnet,
                "bridge": self.bridge, "name_prefix": self.name_prefix,
                "state_dir": str(paths.root)}


@dataclass(frozen=True)
class Host:
    """One host: a network namespace with an address on the bridge and one or more roles."""

    name: str
    address: str
    roles: tuple[str, ...]
    namespace: str
    host_dir: str

    def has(self, role: str) -> bool:
        """Whether the host plays `role` (edge, app or data)."""
        return role in self.roles


@dataclass(frozen=True)
class Cluster:
    """The hosts Terraform made, with the settings and the network it put them on."""

    settings: Settings
    hosts: tuple[Host, ...]
    gateway: str
    inventory: str
    ssh_key: str
    faults: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_outputs(cls, settings: Settings, outputs: dict) -> Cluster:
        """Build from `terraform output -json` (values only)."""
        hosts = sorted((Host(name, h["address"], tuple(h["roles"]), h["namespace"], h["host_dir"])
                        for name, h in outputs["hosts"].items()),
                       key=lambda host: ipaddress.ip_address(host.address))
        return cls(settings, tuple(hosts), outputs["network"]["gateway"], outputs["inventory_path"],
                   outputs["ssh_private_key"])

    def host(self, name: str) -> Host:
        """The host called `name`, or an error naming the hosts there are."""
        for host in self.hosts:
            if host.name == name:
                return host
        raise ClusterError(f"no host {name!r} in the cluster; hosts: "
                           f"{', '.join(h.name for h in self.hosts)}")

    def with_role(self, role: str) -> list[Host]:
        """The hosts that play `role`, in address order; a role the model lacks is an error."""
        if role not in HOST_ROLES:
            raise ClusterError(f"no host role {role!r}; the model's roles: {', '.join(HOST_ROLES)}")
        return [host for host in self.hosts if host.has(role)]

    def one(self, role: str) -> Host:
        """The first host that plays `role` (there is always one edge and one data host)."""
        hosts = self.with_role(role)
        if not hosts:
            raise ClusterError(f"the cluster has no {role} host")
        return hosts[0]

    def save(self, paths: ClusterPaths) -> None:
        """Write cluster.json."""
        paths.state.write_text(json.dumps(asdict(self), indent=2))

    @classmethod
    def load(cls, paths: ClusterPaths) -> Cluster:
        """The cluster of `paths`, or a ClusterError saying how to make one."""
        if not paths.state.exists():
            raise ClusterError(f"no cluster in {paths.root}; start one with `astroshop cluster up`")
        data = json.loads(paths.state.read_text())
        hosts = tuple(Host(**{**h, "roles": tuple(h["roles"])}) for h in data.pop("hosts"))
        return cls(Settings(**data.pop("settings")), hosts, **data)
