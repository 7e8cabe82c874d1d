"""Clusters as Terraform would describe them, for the cluster's unit tests (no root needed)."""
from __future__ import annotations

from harness.cluster.model import Cluster, Settings

LAYOUTS = {
    1: [("edge1", ["edge", "app", "data"])],
    3: [("edge1", ["edge", "data"]), ("app1", ["app"]), ("app2", ["app"])],
    4: [("edge1", ["edge"]), ("app1", ["app"]), ("app2", ["app"]), ("data1", ["data"])],
}


def outputs(host_count: int = 3, root: str = "/srv/run/cluster") -> dict:
    """`terraform output -json` values for a cluster of `host_count` hosts on 10.77.0.0/24."""
    hosts = {name: {"address": f"10.77.0.{10 + index}", "roles": roles,
                    "namespace": f"astro-{name}", "host_dir": f"{root}/hosts/{name}"}
             for index, (name, roles) in enumerate(LAYOUTS[host_count])}
    return {"hosts": hosts, "network": {"bridge": "astro-br0", "gateway": "10.77.0.1",
                                        "subnet": "10.77.0.0/24"},
            "inventory_path": f"{root}/ansible/inventory.yml",
            "ssh_private_key": f"{root}/ssh/id_ed25519"}


def cluster(host_count: int = 3, root: str = "/srv/run/cluster") -> Cluster:
    """A Cluster built from those outputs."""
    return Cluster.from_outputs(Settings(host_count=host_count), outputs(host_count, root))
