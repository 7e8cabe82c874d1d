"""The edge's TLS: the HTTPS listener's transport socket, its certificate delivered by SDS
from files, and that SDS file. A site names where its files are (`TlsFiles`)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from harness.certs.files import TlsDir, write_private
from harness.envoy.filters import typed

CERTIFICATE_SECRET = "edge-certificate"
# TLS 1.2's suites: forward secrecy and AEAD only (TLS 1.3's are fixed by BoringSSL).
CIPHER_SUITES = ("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                 "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
                 "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305")
ALPN = ("h2", "http/1.1")
SECRET_TYPE = "envoy.extensions.transport_sockets.tls.v3.Secret"


@dataclass(frozen=True)
class TlsFiles:
    """Where one site's Envoy finds its certificate: the SDS file, the pair it names, and
    the directory whose moves (a new `live` link, a Kubernetes Secret's `..data`) reload it."""

    sds: str
    cert: str
    key: str
    watched: str

    @classmethod
    def of(cls, tls: TlsDir) -> TlsFiles:
        """The run directory's layout (harness/certs/files.py), wherever that directory is."""
        return cls(str(tls.sds), str(tls.cert), str(tls.key), str(tls.root))


def sds_resources(files: TlsFiles) -> dict:
    """The SDS file's content: the certificate and key, re-read when `watched` sees a move."""
    return {"resources": [typed(SECRET_TYPE, name=CERTIFICATE_SECRET, tls_certificate={
        "certificate_chain": {"filename": files.cert}, "private_key": {"filename": files.key},
        "watched_directory": {"path": files.watched}})]}


def write_sds(files: TlsFiles) -> Path:
    """Write the SDS file where `files` says (0600: it sits beside the key)."""
    return write_private(Path(files.sds), yaml.safe_dump(sds_resources(files)).encode())


def transport_socket(files: TlsFiles) -> dict:
    """TLS 1.2 to 1.3 (1.3 when the client can), ALPN h2 then http/1.1, the certificate by SDS."""
    return {"name": "envoy.transport_sockets.tls", "typed_config": typed(
        "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
        common_tls_context={
            "tls_params": {"tls_minimum_protocol_version": "TLSv1_2",
                           "tls_maximum_protocol_version": "TLSv1_3",
                           "cipher_suites": list(CIPHER_SUITES)},
            "alpn_protocols": list(ALPN),
            "tls_certificate_sds_secret_configs": [{
                "name": CERTIFICATE_SECRET,
                "sds_config": {"path_config_source": {"path": files.sds},
                               "resource_api_version": "V3"}}]})}
