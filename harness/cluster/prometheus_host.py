"""Prometheus on the data host: the topology's scrape config (harness/prometheus.py) with
Envoy read from every host's stats listener and a `host` label on every target."""
from __future__ import annotations

from pathlib import Path

from harness import prometheus
from harness.cluster.envoy_host import STATS_PATH
from harness.cluster.model import Cluster
from harness.cluster.placement import runs_envoy
from harness.containers.topology import ENVOY_STATS_PORT
from harness.topology import Topology


def envoy_targets(cluster: Cluster) -> list[dict]:
    """One target per Envoy: the host's stats listener."""
    return [{"targets": [f"{host.address}:{ENVOY_STATS_PORT}"], "labels": {"host": host.name}}
            for host in cluster.hosts if runs_envoy(host)]


def label_hosts(job: dict, names: dict[str, str]) -> dict:
    """The job with each target's host name added as a `host` label."""
    groups = []
    for group in job.get("static_configs", []):
        host = names.get(group["targets"][0].rsplit(":", 1)[0])
        labels = {**group.get("labels", {}), **({"host": host} if host else {})}
        groups.append({**group, "labels": labels} if labels else group)
    return {**job, "static_configs": groups}


def render(cluster: Cluster, topology: Topology, rules_dir: Path) -> dict:
    """prometheus.yml for the data host, loading rule files from `rules_dir` on that host."""
    config = prometheus.render(topology, rules_dir)
    names = {host.address: host.name for host in cluster.hosts}
    jobs = []
    for job in config["scrape_configs"]:
        if job["job_name"] == "envoy":
            job = {**job, "metrics_path": STATS_PATH, "static_configs": envoy_targets(cluster)}
        jobs.append(label_hosts(job, names))
    return {**config, "scrape_configs": jobs}
