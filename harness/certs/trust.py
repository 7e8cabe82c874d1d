"""How the harness's clients trust the edge: by the project CA, never by turning checks off.

The CA is $ASTROSHOP_CA_FILE when set (a shop whose certificate another CA signed), else the
run directory's `tls/ca.pem` when one was made. `requests` then verifies against that CA;
an ssl context adds it to the system's store. With no CA file, clients verify as usual.
"""
from __future__ import annotations

import hashlib
import os
import socket
import ssl
from pathlib import Path

import requests

from harness.certs.files import TlsDir
from harness.paths import RunPaths

CA_ENV = "ASTROSHOP_CA_FILE"


def tls_dir(paths: RunPaths | None = None) -> TlsDir:
    """The certificate files of a run directory (the default one unless given)."""
    return TlsDir((paths or RunPaths.default()).tls)


def ca_file(paths: RunPaths | None = None) -> Path | None:
    """$ASTROSHOP_CA_FILE, else the run directory's CA certificate, else None."""
    given = os.environ.get(CA_ENV)
    if given:
        if not Path(given).is_file():
            raise FileNotFoundError(f"{CA_ENV}={given} is not a file")
        return Path(given)
    found = tls_dir(paths).ca_cert
    return found if found.is_file() else None


def verify(ca: Path | str | None = None) -> str | bool:
    """What `requests` should verify with: the CA file given or found, else the system store."""
    ca = ca or ca_file()
    return str(ca) if ca else True


class TrustingSession(requests.Session):
    """A session whose own `verify` holds: plain requests lets $REQUESTS_CA_BUNDLE or
    $CURL_CA_BUNDLE override a session's setting for every call that names none."""

    def merge_environment_settings(self, url, proxies, stream, verify, cert) -> dict:
        """requests' merge, then the session's CA back unless the call named one itself."""
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        if verify is None:
            settings["verify"] = self.verify
        return settings


def session(ca: Path | str | None = None) -> requests.Session:
    """A requests session that trusts the project CA."""
    made = TrustingSession()
    made.verify = verify(ca)
    return made


def ssl_context(ca: Path | str | None = None, factory=ssl.create_default_context) -> ssl.SSLContext:
    """A verifying client context (hostname checked) that also trusts the project CA."""
    context = factory()
    ca = ca or ca_file()
    if ca:
        context.load_verify_locations(cafile=str(ca))
    return context


def environment(ca: Path | str | None = None) -> dict[str, str]:
    """The variable that hands the CA to a child process (Locust, pytest), if there is one."""
    ca = ca or ca_file()
    return {CA_ENV: str(ca)} if ca else {}


def served_fingerprint(host: str, port: int, ca: Path | str | None = None) -> str:
    """The SHA-256 fingerprint (hex) of the certificate a TLS server presents, verified."""
    context = ssl_context(ca)
    with socket.create_connection((host, port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return hashlib.sha256(tls.getpeercert(binary_form=True)).hexdigest()
