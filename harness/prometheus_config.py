"""prometheus.yml, rendered from the model for one site (local, containers, a cluster host).

A site says where the rule files are on Prometheus's host, how targets are found (static
addresses, or DNS names that resolve to every replica), where Envoy's stats are read, the
host name of each address (a `host` label on the cluster), where Alertmanager is, whether
blackbox probes the edge, and where the exporters listen. Nothing is patched afterwards.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from harness.alerting import alertmanager, probes
from harness.envoy.stats import STATS_PATH
from harness.model.topology import Endpoint, Topology

RULE_FILE_GLOB = "*.yml"  # every rule file of a rules directory
DNS_REFRESH = "15s"
CANARY_REFRESH = "2s"  # besides the file watch, which needs the directory to exist at start
CANARY_FILE = "{service}.json"  # one file discovery file per service with a canary running


@dataclass(frozen=True)
class ScrapeSite:
    """How one Prometheus finds what it scrapes, and where its rule files are."""

    rule_files: str
    own_host: str = "127.0.0.1"
    dns: bool = False  # services and Envoy by DNS name (containers) instead of addresses
    envoy: tuple[str, ...] = ()  # Envoy stats endpoints; default: the stats listener on loopback
    host_names: Mapping[str, str] = field(default_factory=dict)  # address -> host label
    alerting: bool = False  # Alertmanager beside Prometheus: alerts sent there, and scraped
    alertmanager_host: str = ""  # where that Alertmanager is (default: `own_host`)
    probes: bool = False  # blackbox_exporter beside Prometheus probing the edge (local stack)
    canary_files: str = ""  # a glob of file discovery files naming running canaries
    exporters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # job -> addresses

    def alertmanager(self, topology: Topology) -> str:
        """`host:port` of the site's Alertmanager."""
        return f"{self.alertmanager_host or self.own_host}:{topology.alertmanager_port}"


def labelled(address: str, host_names: Mapping[str, str], **labels: str) -> dict:
    """A target group of one address, labelled with its host's name where it is known."""
    host = host_names.get(address.rsplit(":", 1)[0])
    labels = {**labels, **({"host": host} if host else {})}
    return {"targets": [address], "labels": labels} if labels else {"targets": [address]}


def group(site: ScrapeSite, address: str, **labels: str) -> dict:
    """A static target group, labelled with its host's name when the site knows it."""
    return labelled(address, site.host_names, **labels)


def dns_job(name: str, address: str, **extra) -> dict:
    """A scrape job over every address the host of `address` (host:port) resolves to."""
    host, port = address.rsplit(":", 1)
    return {"job_name": name, **extra, "dns_sd_configs": [
        {"names": [host], "type": "A", "port": int(port), "refresh_interval": DNS_REFRESH}]}


def envoy_job(topology: Topology, site: ScrapeSite) -> dict:
    """Envoy's stats: from each stats endpoint of the site, else its stats listener on loopback."""
    addresses = site.envoy or (f"127.0.0.1:{topology.stats_port}",)
    if site.dns:
        return dns_job("envoy", addresses[0], metrics_path=STATS_PATH)
    return {"job_name": "envoy", "metrics_path": STATS_PATH,
            "static_configs": [group(site, address) for address in addresses]}


def service_job(topology: Topology, site: ScrapeSite, name: str) -> dict:
    """One service's replicas. honor_labels: the RED metrics carry `service` themselves."""
    if site.dns:  # `replica` names the pod (its address): the dashboards plot per replica
        return dns_job(name, f"{name}:{topology.service(name).port}", honor_labels=True,
                       relabel_configs=[{"target_label": "service", "replacement": name},
                                        {"source_labels": ["__address__"],
                                         "target_label": "replica"}])
    return {"job_name": name, "honor_labels": True, "static_configs": [
        group(site, endpoint.address, service=name, replica=str(endpoint.replica))
        for endpoint in topology.endpoints(name)]}


def static_job(site: ScrapeSite, name: str, addresses: tuple[str, ...]) -> dict:
    """A job over fixed addresses (or, on a DNS site, every address of one name)."""
    if site.dns:
        return dns_job(name, addresses[0])
    return {"job_name": name, "static_configs": [group(site, a) for a in addresses]}


def canary_targets(service: str, endpoints: Iterable[Endpoint],
                   host_names: Mapping[str, str] | None = None) -> list[dict]:
    """The file (CANARY_FILE) that announces a service's running canary replicas: labelled as
    stable's are, and `track="canary"`; their metrics carry their `version` (honor_labels)."""
    return [labelled(endpoint.address, host_names or {}, service=service,
                     replica=endpoint.name, track="canary") for endpoint in endpoints]


def canary_job(site: ScrapeSite) -> list[dict]:
    """Canary replicas while a release runs them: found in files the release writes and
    removes (Prometheus watches them), so no target is down between releases."""
    if not site.canary_files:
        return []
    return [{"job_name": "canary", "honor_labels": True,
             "file_sd_configs": [{"files": [site.canary_files],
                                  "refresh_interval": CANARY_REFRESH}]}]


def scrape_configs(topology: Topology, site: ScrapeSite) -> list[dict]:
    """Prometheus itself, Envoy's stats, one job per service, then Alertmanager, the probes
    and the exporters where the site has them."""
    own = {"job_name": "prometheus", "static_configs": [
        group(site, f"{site.own_host}:{topology.prometheus_port}")]}
    jobs = [own, envoy_job(topology, site),
            *(service_job(topology, site, name) for name in topology.names()),
            *canary_job(site)]
    if site.alerting:
        jobs.append(static_job(site, "alertmanager", (site.alertmanager(topology),)))
    if site.probes:
        jobs.append(probes.scrape_job(topology))
    jobs += [static_job(site, job, addresses) for job, addresses in site.exporters.items()
             if addresses]
    return jobs


def render(topology: Topology, site: ScrapeSite) -> dict:
    """prometheus.yml: scrape and evaluate every scrape interval, load the site's rules."""
    interval = f"{topology.scrape_interval_s}s"
    config = {
        "global": {"scrape_interval": interval, "scrape_timeout": interval,
                   "evaluation_interval": interval},
        "rule_files": [site.rule_files],
        "scrape_configs": scrape_configs(topology, site),
    }
    if site.alerting:
        config["alerting"] = alertmanager.prometheus_alerting(site.alertmanager(topology))
    return config
