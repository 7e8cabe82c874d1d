"""What `cluster verify` expects on each host, from the same placement Ansible deployed:
processes, listening sockets, loopback-only admin ports, health endpoints, config files."""
from __future__ import annotations

from harness.alerting.exporters import NODE_EXPORTER, STORE_EXPORTERS
from harness.cluster import monitoring, placement
from harness.cluster.layout import HostLayout
from harness.cluster.model import Host
from harness.model.stores import POSTGRES, REDIS
from harness.model.topology import ENVOY_STATS_PORT, Topology

LOOPBACK = "127.0.0.1"
ANY = "0.0.0.0"
MONITORING_PROGRAMS = ("alertmanager", "alert-receiver")


def program_files(topology: Topology, host: Host) -> list[str]:
    """The supervisor files of `host` (without .conf): one per role, all replicas in one."""
    names = ["astroshop_service"] if placement.replicas_on(topology, host) else []
    if placement.runs_envoy(host):
        names.append("envoy")
    if host.has("data"):
        names.extend(["postgresql", "redis", "prometheus"])
    if host.has(monitoring.MONITORING_ROLE):
        names.append("alertmanager")
    return [*names, "exporters"]


def exporters_on(host: Host) -> list:
    """The exporters `host` runs: node_exporter, and on the data host the stores' too."""
    return [NODE_EXPORTER, *(STORE_EXPORTERS if host.has("data") else ())]


def programs(topology: Topology, host: Host) -> list[str]:
    """The supervisor programs that must be RUNNING on `host`."""
    names = [endpoint.name for endpoint in placement.replicas_on(topology, host)]
    names += [name for name in program_files(topology, host)
              if name not in ("astroshop_service", "alertmanager", "exporters")]
    if host.has(monitoring.MONITORING_ROLE):
        names += MONITORING_PROGRAMS
    return sorted(names + [exporter.name for exporter in exporters_on(host)])


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
                  f"tcp://{ANY}:{topology.prometheus_port}"]
    if host.has(monitoring.MONITORING_ROLE):
        specs += [f"tcp://{ANY}:{topology.alertmanager_port}",
                  f"tcp://{ANY}:{topology.alert_receiver_port}"]
    return specs + [f"tcp://{host.address}:{e.port(topology)}" for e in exporters_on(host)]


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
    if host.has(monitoring.MONITORING_ROLE):
        urls += [f"http://{LOOPBACK}:{topology.alertmanager_port}/-/ready",
                 f"http://{LOOPBACK}:{topology.alert_receiver_port}/healthz"]
    return urls + [f"http://{host.address}:{e.port(topology)}{e.health_path}"
                   for e in exporters_on(host)]


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
    if host.has(monitoring.MONITORING_ROLE):
        found += [{"path": layout.path("etc", "alertmanager", "alertmanager.yml"), "mode": 0o644,
                   "user": "root", "group": "root"},
                  {"path": layout.path("data", "alerts"), "mode": 0o750,
                   "user": monitoring.USER, "group": monitoring.USER}]
    return found


def alerting(topology: Topology, host: Host) -> dict:
    """What the alerting checks ask of `host`: its exporters' metrics URLs and the metric
    each must show up (1), and on the monitoring host Alertmanager's config and ports."""
    found = {"exporters": {f"http://{host.address}:{e.port(topology)}/metrics": e.up_metric
                           for e in exporters_on(host)}}
    if host.has(monitoring.MONITORING_ROLE):
        found.update(alertmanager_config=HostLayout(host.host_dir).path(
            "etc", "alertmanager", "alertmanager.yml"),
            alertmanager=f"{LOOPBACK}:{topology.alertmanager_port}",
            prometheus=f"http://{LOOPBACK}:{topology.prometheus_port}")
    return found


def expectations(topology: Topology, host: Host) -> dict:
    """Everything the checks assert about `host`, as one inventory variable."""
    return {"programs": programs(topology, host), "listening": listening(topology, host),
            "loopback_only": loopback_only(topology, host), "health": health(topology, host),
            "files": files(topology, host), "public_port": topology.public_port,
            "https_port": topology.https_port, "alerting": alerting(topology, host),
            "supervisorctl": HostLayout(host.host_dir).supervisorctl()}
