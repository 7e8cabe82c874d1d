"""The local stack's edge: a certificate for it, and the Envoy site that serves it over HTTPS."""
from __future__ import annotations

from pathlib import Path

from harness import envoy
from harness.certs.files import TlsDir, ensure
from harness.envoy import EnvoySite
from harness.envoy.tls import TlsFiles, write_sds
from harness.model.edge import certificate_names
from harness.model.topology import Topology
from harness.paths import RunPaths


def local_site(paths: RunPaths, tls_only: bool) -> EnvoySite:
    """Envoy on this machine: HTTPS from the run directory's certificate; plain HTTP serves the
    shop on loopback (the developer listener) unless `tls_only`, where it only redirects."""
    return EnvoySite(tls=TlsFiles.of(TlsDir(paths.tls)), tls_only=tls_only)


def write_config(topology: Topology, paths: RunPaths, tls_only: bool) -> Path:
    """Make sure the certificate is there and current, write its SDS file and Envoy's config."""
    site = local_site(paths, tls_only)
    ensure(TlsDir(paths.tls), certificate_names())
    write_sds(site.tls)
    return envoy.write(topology, paths.envoy_conf, site)
