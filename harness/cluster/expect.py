"""What `cluster verify` expects on each host, from the same placement Ansible deployed:
processes, listening sockets, loopback-only admin ports, health endpoints, config files."""
from __future__ import annotations

from harness.cluster import placement
from harness.cluster.layout import HostLayout
from harness.cluster.model import Host
from harness.model.stores import POSTGRES, REDIS
from harness.model.topology import ENVOY_STATS_PORT, Topology

LOOPBACK = "127.0.0.1"


def program_files(topology: Topology, host: Host) -> list[str]:
    """The supervisor files of `host` (without .conf): one per role, all replicas in one."""
    names = ["astroshop_service"] if placement.replicas_on(topology, host) else []
    if placement.runs_envoy(host):
        names.append("envoy")
    if host.has("data"):
        names.extend(["postgresql", "redis", "prometheus"])
    return names


def programs(topology: Topology, host: Host) -> list[str]:
    """The supervisor programs that must be RUNNING on `host`."""
    names = [endpoint.name for endpoint in placement.replicas_on(topology, host)]
    return sorted(names + [name for name in program_files(topology, host) if name != "astroshop_service"])


def listening(topology: Topology, host: Host) -> list[str]:
    """Sockets (testinfra spec strings) that must listen on the host's address or any."""
    specs = [f"tcp://{e.address}" for e in placement.replicas_on(topology, host)]
    if placement.runs_envoy(host):
        specs.append(f"tcp://0.0.0.0:{ENVOY_STATS_PORT}")
    if host.has("edge"):
        specs += [f"tcp://{host.address}:{topology.public_port}",
                  f"tcp://{host.address}:{topology.https_port}"]
    if host.has("data"):
        specs += [f"tcp://{host.address}:{POSTGRES.port}",
                  f"tcp://{host.address}:{REDIS.port}",
                  f"tcp://0.0.0.0:{topology.prometheus_port}"]
    return specs


def loopback_only(topology: Topology, host: Host) -> list[int]:
    """Ports that must listen on loopback and nowhere else (Envoy's admin and mesh)."""
    return [topology.admin_port, topology.mesh_port] if placement.runs_envoy(host) else []


def health(topology: Topology, host: Host) -> list[str]:
    """URLs that must answer 200 from the host itself."""
    urls = [f"http://{e.address}/readyz" for e in placement.replicas_on(topology, host)]
    if placement.runs_envoy(host):
        urls.append(f"http://{LOOPBACK}:{topology.admin_port}/ready")
    if host.has("data"):
        urls.append(f"http://{LOOPBACK}:{topology.prometheus_port}/-/ready")
    return urls


def files(topology: Topology, host: Host) -> list[dict]:
    """Config files with their mode and owner (secrets readable by root or their daemon)."""
    layout = HostLayout(host.host_dir)
    found = [{"path": layout.supervisor_conf, "mode": 0o644, "user": "root", "group": "root"}]
    found += [{"path": layout.programs_file(name), "mode": 0o600, "user": "root", "group": "root"}
              for name in program_files(topology, host)]
    if placement.runs_envoy(host):
        found.append({"path": layout.path("etc", "envoy", "envoy.yaml"), "mode": 0o644,
                      "user": "root", "group": "root"})
    if host.has("edge"):
        found += [{"path": path, "mode": 0o600, "user": "root", "group": "root"}
                  for path in (f"{layout.envoy_tls}/live/key.pem", f"{layout.envoy_tls}/sds.yaml")]
    if host.has("data"):
        found += [
            {"path": layout.path("etc", "prometheus", "prometheus.yml"), "mode": 0o644,
             "user": "root", "group": "root"},
            {"path": layout.path("etc", "postgresql", "pg_hba.conf"), "mode": 0o640,
             "user": "postgres", "group": "postgres"},
            {"path": layout.path("etc", "redis", "redis.conf"), "mode": 0o640,
             "user": "root", "group": "redis"},
        ]
    return found


def expectations(topology: Topology, host: Host) -> dict:
    """Everything the checks assert about `host`, as one inventory variable."""
    return {"programs": programs(topology, host), "listening": listening(topology, host),
            "loopback_only": loopback_only(topology, host), "health": health(topology, host),
            "files": files(topology, host), "public_port": topology.public_port,
            "https_port": topology.https_port,
            "supervisorctl": HostLayout(host.host_dir).supervisorctl()}
