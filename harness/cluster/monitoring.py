"""The cluster's monitoring, beside its Prometheus on the data host: Alertmanager with the
routing rendered from the model (the same as the local stack's, at the production timing)
and the harness's webhook receiver; node_exporter on every host and the stores' exporters on
the data host. These are the variables of the roles `alertmanager` and `exporters`."""
from __future__ import annotations

import hashlib
import json

from harness.alerting import alertmanager, exporters, supervised
from harness.alerting.exporters import NODE_EXPORTER
from harness.cluster.layout import HostLayout
from harness.cluster.model import Cluster, Host
from harness.cluster.placement import Stores
from harness.model.topology import Topology
from harness.prometheus_config import CANARY_FILE, canary_targets

MONITORING_ROLE = "data"  # the host role that runs Prometheus, and so Alertmanager
USER = "prometheus"  # the Debian packages' user: Alertmanager, the receiver, the exporters
RECEIVER_MODULES = ("harness/__init__.py", "harness/paths.py", "harness/alerting/__init__.py",
                    "harness/alerting/notifications.py", "harness/alerting/receiver.py",
                    "shop/__init__.py", "shop/common/__init__.py", "shop/common/serve.py")


def digest(value: object) -> str:
    """A short sha256 of a JSON-able value (a program's version)."""
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def monitoring_host(cluster: Cluster) -> Host:
    """The host of Prometheus, Alertmanager and the receiver."""
    return cluster.one(MONITORING_ROLE)


def alertmanager_url(cluster: Cluster, topology: Topology) -> str:
    """The cluster's Alertmanager, reachable from the root namespace."""
    return f"http://{monitoring_host(cluster).address}:{topology.alertmanager_port}"


def receiver_url(cluster: Cluster, topology: Topology) -> str:
    """The cluster's webhook receiver (GET /notifications), from the root namespace."""
    return f"http://{monitoring_host(cluster).address}:{topology.alert_receiver_port}"


def program(exporter: exporters.Exporter, listen: str, env: dict[str, str]) -> dict:
    """One exporter as a supervisor program of the `exporters` role."""
    return {"name": exporter.name, "user": USER, "command": exporter.command(listen), "env": env}


def canary_targets_dir(cluster: Cluster) -> str:
    """Where the data host's Prometheus finds the files that name running canaries."""
    return HostLayout(monitoring_host(cluster).host_dir).path("etc", "prometheus", "canaries")


def canary_files(cluster: Cluster) -> str:
    """The glob of those files, for the scrape site's file discovery."""
    return f"{canary_targets_dir(cluster)}/{CANARY_FILE.format(service='*')}"


def canary_announcement(cluster: Cluster, placed: Topology, service: str) -> dict:
    """playbooks/release.yml's variables that name (or forget) the service's canary replicas
    to the cluster's Prometheus: the same file, with the same labels, as the local stack's."""
    return {"release_monitoring_host": monitoring_host(cluster).name,
            "release_targets_file": f"{canary_targets_dir(cluster)}/"
                                    f"{CANARY_FILE.format(service=service)}",
            "release_targets": canary_targets(service, placed.canary_endpoints(service),
                                              {host.address: host.name for host in cluster.hosts})}


def exporter_programs(topology: Topology, host: Host, stores: Stores) -> list[dict]:
    """node_exporter on `host`; on the data host, the exporters of its stores as well."""
    found = [program(NODE_EXPORTER, f"{host.address}:{NODE_EXPORTER.port(topology)}", {})]
    if host.has("data"):
        for exporter, url in exporters.running(stores.owner_url(), stores.redis_url()):
            found.append(program(exporter, f"{host.address}:{exporter.port(topology)}",
                                 exporters.environment(exporter, url)))
    return found


def exporter_targets(cluster: Cluster, topology: Topology) -> dict[str, tuple[str, ...]]:
    """Prometheus's exporter jobs on the cluster: every host's node_exporter, the stores'."""
    data = monitoring_host(cluster).address
    return {NODE_EXPORTER.job: tuple(f"{host.address}:{NODE_EXPORTER.port(topology)}"
                                     for host in cluster.hosts),
            **{exporter.job: (f"{data}:{exporter.port(topology)}",)
               for exporter in exporters.STORE_EXPORTERS}}


def alertmanager_vars(topology: Topology, host: Host, receiver_archive: str,
                      receiver_version: str) -> dict:
    """The `alertmanager` role's variables: the config, both programs, the receiver's code."""
    layout = HostLayout(host.host_dir)
    config_dir, data_dir = layout.path("etc", "alertmanager"), layout.path("data", "alertmanager")
    receiver_dir, config = layout.path("receiver"), alertmanager.render(topology)
    return {
        "alertmanager_config": config,
        "alertmanager_config_dir": config_dir, "alertmanager_data_dir": data_dir,
        "alertmanager_receiver_archive_src": receiver_archive,
        "alertmanager_receiver_dir": receiver_dir,
        "alertmanager_store_dir": layout.path("data", "alerts"),
        "alertmanager_programs": [
            {"name": "alertmanager", "user": USER,
             "command": alertmanager.command(f"{config_dir}/alertmanager.yml", data_dir,
                                             f"0.0.0.0:{topology.alertmanager_port}"),
             "version": digest(config)},  # a new config restarts it
            {"name": "alert-receiver", "user": USER, "directory": receiver_dir,
             "command": [f"{layout.venv}/bin/python", *supervised.receiver_args(
                 f"0.0.0.0:{topology.alert_receiver_port}")],
             "env": {"ASTROSHOP_ALERTS_FILE": layout.path("data", "alerts",
                                                          "notifications.jsonl")},
             "version": receiver_version}]}
