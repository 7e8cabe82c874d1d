"""Prometheus for containers: replicas found by DNS, the SLO rules from slo/*.yaml."""
from __future__ import annotations

from harness.containers.topology import ENVOY_STATS_HOST, ENVOY_STATS_PORT
from harness.slo import loader, rules
from harness.topology import Topology

CONFIG_DIR = "/etc/prometheus"
RULES_FILE = rules.RULES_FILE
DNS_REFRESH = "15s"
RETENTION = "31d"  # a whole 30-day SLO period, as the local stack keeps


def dns_job(name: str, host: str, port: int, **extra) -> dict:
    """A scrape job over every address that `host` resolves to (each replica)."""
    return {"job_name": name, **extra,
            "dns_sd_configs": [{"names": [host], "type": "A", "port": port,
                                "refresh_interval": DNS_REFRESH}]}


def scrape_configs(topology: Topology) -> list[dict]:
    """Prometheus itself, every Envoy replica's stats, and one job per service."""
    jobs = [
        {"job_name": "prometheus",
         "static_configs": [{"targets": [f"localhost:{topology.prometheus_port}"]}]},
        dns_job("envoy", ENVOY_STATS_HOST, ENVOY_STATS_PORT, metrics_path="/stats/prometheus"),
    ]
    for service in topology.services:
        # honor_labels: the RED metrics carry `service` themselves; keep it as it is.
        # `replica` names the pod (its address): the dashboards plot per replica.
        jobs.append(dns_job(service.name, service.name, service.port, honor_labels=True,
                            relabel_configs=[{"target_label": "service",
                                              "replacement": service.name},
                                             {"source_labels": ["__address__"],
                                              "target_label": "replica"}]))
    return jobs


def render(topology: Topology) -> dict:
    """prometheus.yml: scrape and evaluate every scrape interval, load the SLO rules."""
    interval = f"{topology.scrape_interval_s}s"
    return {
        "global": {"scrape_interval": interval, "scrape_timeout": interval,
                   "evaluation_interval": interval},
        "rule_files": [f"{CONFIG_DIR}/{RULES_FILE}"],
        "scrape_configs": scrape_configs(topology),
    }


def rules_text() -> str:
    """The SLO recording and alerting rules, rendered from slo/*.yaml."""
    return rules.dump(rules.render(loader.load_dir()))


def server_args(port: int) -> list[str]:
    """Prometheus's command line in a container: the mounted config, data in /prometheus."""
    return [f"--config.file={CONFIG_DIR}/prometheus.yml", "--storage.tsdb.path=/prometheus",
            f"--storage.tsdb.retention.time={RETENTION}", f"--web.listen-address=:{port}"]
