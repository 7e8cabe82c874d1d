"""What `cluster verify` expects on each host, from the same placement Ansible deployed:
processes, listening sockets, loopback-only admin ports, health endpoints, config files."""
from __future__ import annotations

from harness.alerting.exporters import NODE_EXPORTER, STORE_EXPORTERS
from harness.cluster import monitoring, placement, users as cluster_users
from harness.cluster.layout import HostLayout
from harness.cluster.model import Host, Settings
from harness.envoy.stats import READY_PATH
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


# The daemons' own users (Debian's packages make them); replicas and Envoy run as the cluster's.
DAEMON_USERS = {"postgresql": "postgres", "redis": "redis", "prometheus": "prometheus",
                **{name: monitoring.USER for name in (*MONITORING_PROGRAMS, NODE_EXPORTER.name,
                                                       *(e.name for e in STORE_EXPORTERS))}}


def service_users(settings: Settings, topology: Topology, host: Host) -> list[str]:
    """The cluster's users of the services that have a replica on `host`."""
    return sorted({cluster_users.name(settings, e.service)
                   for e in placement.replicas_on(topology, host)})


def users(settings: Settings, topology: Topology, host: Host) -> dict[str, str]:
    """The user every program of `host` must run as: none as root."""
    found = {e.name: cluster_users.name(settings, e.service)
             for e in placement.replicas_on(topology, host)}
    own = {**DAEMON_USERS, "envoy": cluster_users.envoy(settings)}
    return found | {name: own[name] for name in programs(topology, host) if name not in found}


def foreign_replicas(topology: Topology, host: Host) -> list[str]:
    """Replicas on other hosts: a service's user on `host` must not reach them directly."""
    own = {e.name for e in placement.replicas_on(topology, host)}
    return [f"http://{e.address}/readyz" for name in topology.names()
            for e in topology.endpoints(name) if e.name not in own]


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
    """Ports that must listen on loopback and nowhere else (every caller's mesh listener)."""
    return sorted(topology.mesh_ports().values()) if placement.runs_envoy(host) else []


def health(topology: Topology, host: Host) -> list[str]:
    """URLs that must answer 200 from the host itself."""
    urls = [f"http://{e.address}/readyz" for e in placement.replicas_on(topology, host)]
    if placement.runs_envoy(host):
        urls.append(f"http://{LOOPBACK}:{ENVOY_STATS_PORT}{READY_PATH}")
    if host.has("data"):
        urls.append(f"http://{LOOPBACK}:{topology.prometheus_port}/-/ready")
    if host.has(monitoring.MONITORING_ROLE):
        urls += [f"http://{LOOPBACK}:{topology.alertmanager_port}/-/ready",
                 f"http://{LOOPBACK}:{topology.alert_receiver_port}/healthz"]
    return urls + [f"http://{host.address}:{e.port(topology)}{e.health_path}"
                   for e in exporters_on(host)]


def files(settings: Settings, topology: Topology, host: Host) -> list[dict]:
    """Config files with their mode and owner (secrets readable by root or their daemon)."""
    layout, envoy = HostLayout(host.host_dir), cluster_users.envoy(settings)
    found = [{"path": layout.supervisor_conf, "mode": 0o644, "user": "root", "group": "root"}]
    found += [{"path": layout.programs_file(name), "mode": 0o600, "user": "root", "group": "root"}
              for name in program_files(topology, host)]
    if placement.runs_envoy(host):
        found += [{"path": layout.path("etc", "envoy", "envoy.yaml"), "mode": 0o644,
                   "user": "root", "group": "root"},
                  {"path": layout.envoy_run, "mode": 0o700, "user": envoy, "group": envoy},
                  {"path": layout.envoy_admin, "mode": 0o600, "user": envoy, "group": envoy}]
    if host.has("edge"):
        found += [{"path": f"{layout.envoy_tls}/live/", "mode": 0o700, "user": envoy,
                   "group": envoy}]
        found += [{"path": f"{layout.envoy_tls}/live/{name}", "mode": 0o600, "user": envoy,
                   "group": envoy} for name in ("cert.pem", "key.pem")]
        found.append({"path": f"{layout.envoy_tls}/sds.yaml", "mode": 0o600, "user": envoy,
                      "group": envoy})
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


def expectations(settings: Settings, topology: Topology, host: Host) -> dict:
    """Everything the checks assert about `host`, as one inventory variable."""
    return {"programs": programs(topology, host), "users": users(settings, topology, host),
            "service_users": service_users(settings, topology, host),
            "listening": listening(topology, host),
            "loopback_only": loopback_only(topology, host), "health": health(topology, host),
            "files": files(settings, topology, host), "public_port": topology.public_port,
            "https_port": topology.https_port, "alerting": alerting(topology, host),
            "metrics_dir": HostLayout(host.host_dir).path("data", "metrics"),
            "foreign_replicas": foreign_replicas(topology, host),
            "supervisorctl": HostLayout(host.host_dir).supervisorctl()}
