"""The sites of a cluster's Envoys and of its Prometheus: the target parameters their configs
are rendered with (harness/envoy/, harness/prometheus_config.py), from the hosts' roles.

Every Envoy knows every replica on every host (the clusters come from the placed topology).
Every caller's mesh listener stays on the host's loopback and the admin is a Unix socket of
Envoy's user; only an edge host has the public listener, bound to its address. Prometheus
reads each Envoy through the stats listener the containers also use (only `/stats/prometheus`
and `/ready`, proxied to the admin), and labels every target with the name of its host.
"""
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from harness.certs.files import TlsDir
from harness.cluster.layout import HostLayout
from harness.cluster.model import Cluster, Host
from harness.cluster.monitoring import canary_files
from harness.cluster.placement import runs_envoy
from harness.envoy import EnvoySite
from harness.envoy.tls import TlsFiles
from harness.model.topology import ENVOY_STATS_PORT
from harness.prometheus_config import RULE_FILE_GLOB, ScrapeSite


def edge_tls(host: Host) -> TlsFiles:
    """Where the edge host's Envoy finds its certificate (written by the envoy role)."""
    return TlsFiles.of(TlsDir(Path(HostLayout(host.host_dir).envoy_tls)))


def envoy_site(host: Host) -> EnvoySite:
    """The Envoy of `host`: its own node id, stats; on the edge only, the public listeners on
    its address, TLS-only (plain HTTP redirects to HTTPS); the admin on a 0600 socket of
    Envoy's user; no unrestricted mesh listener (each service has its own)."""
    return EnvoySite(node=f"astroshop-envoy-{host.name}", public=host.has("edge"),
                     public_host=host.address, stats=True,
                     tls=edge_tls(host) if host.has("edge") else None, tls_only=True,
                     admin_socket=HostLayout(host.host_dir).envoy_admin)


def scrape_site(cluster: Cluster, rules_dir: str,
                exporters: Mapping[str, tuple[str, ...]] | None = None) -> ScrapeSite:
    """The data host's Prometheus: every Envoy's stats listener, the exporters, a `host` label
    everywhere, running canaries from their files, and alerts to the Alertmanager beside it."""
    return ScrapeSite(
        rule_files=str(PurePosixPath(rules_dir) / RULE_FILE_GLOB),
        envoy=tuple(f"{host.address}:{ENVOY_STATS_PORT}" for host in cluster.hosts
                    if runs_envoy(host)),
        host_names={host.address: host.name for host in cluster.hosts},
        alerting=True, exporters=dict(exporters or {}), canary_files=canary_files(cluster))
