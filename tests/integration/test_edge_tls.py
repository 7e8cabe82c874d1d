"""The edge's TLS, live on the session stack: versions, ALPN and HTTP/2, HSTS, the plain
developer listener, and a certificate rotated under load with no failed request."""
from __future__ import annotations

import os
import ssl
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest
import requests

from harness.certs import authority, trust
from harness.certs.files import TlsDir, current
from tests.support import http2

ASTROSHOP = Path(sys.executable).parent / "astroshop"
with warnings.catch_warnings():  # naming the versions the server must refuse is the point
    warnings.simplefilter("ignore", DeprecationWarning)
    OLD_VERSIONS = (ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1)
ROTATION_LOAD_S = 6.0


@pytest.mark.parametrize("version", OLD_VERSIONS, ids=lambda v: v.name)
def test_tls_1_0_and_1_1_are_refused_by_the_server(topology, ca, version):
    with pytest.raises(ssl.SSLError) as refused:
        http2.handshake(topology.host, topology.https_port, http2.pinned_context(ca, version))
    assert refused.value.reason == "TLSV1_ALERT_PROTOCOL_VERSION", refused.value


@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3],
                         ids=lambda v: v.name)
def test_tls_1_2_and_1_3_are_accepted_with_h2_chosen_by_alpn(topology, ca, version):
    shaken, protocol = http2.handshake(topology.host, topology.https_port,
                                       http2.pinned_context(ca, version))
    assert shaken == {"TLSv1_2": "TLSv1.2", "TLSv1_3": "TLSv1.3"}[version.name]
    assert protocol == "h2"


def test_an_http2_request_is_answered(topology, ca):
    status, headers, body, protocol = http2.get(topology.host, topology.https_port,
                                                "/api/products", ca)
    assert (status, protocol) == (200, "h2")
    assert b'"products"' in body and headers["content-type"] == "application/json"


@pytest.mark.parametrize("path", ["/", "/api/products", "/static/astroshop.css", "/api/nope",
                                  "/favicon.ico"])
def test_every_https_answer_carries_hsts(topology, ca, path):
    response = requests.get(topology.public_url() + path, timeout=10, verify=ca)
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")


def test_the_developer_listener_serves_plain_http_without_hsts(topology):
    response = requests.get(topology.plain_url() + "/api/products", timeout=10)
    assert response.status_code == 200
    assert "strict-transport-security" not in response.headers


def test_a_client_without_the_ca_is_refused_the_handshake(topology):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(topology.public_url() + "/", timeout=10, verify=certifi_bundle())


def certifi_bundle() -> str:
    """The public CAs' bundle requests ships with: none of them signed the edge."""
    import certifi
    return certifi.where()


def fresh_connections(url: str, ca: str, seconds: float, tally: dict, lock: threading.Lock):
    """GET `url` on a new connection (a new handshake) each time until the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status = requests.get(url, timeout=5, verify=ca).status_code
        except requests.RequestException as exc:
            status = type(exc).__name__
        with lock:
            tally[status] = tally.get(status, 0) + 1


def test_a_rotated_certificate_is_served_without_a_restart_or_a_failed_request(stack, topology,
                                                                               ca):
    before = current(TlsDir(stack.paths.tls)).cert_pem
    envoy_pid = {row["name"]: row["pid"] for row in stack.status()}["envoy"]
    tally, lock = {}, threading.Lock()
    threads = [threading.Thread(target=fresh_connections, args=(
        topology.public_url() + "/api/products", ca, ROTATION_LOAD_S, tally, lock))
        for _ in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(ROTATION_LOAD_S / 3)
    rotated = subprocess.run([str(ASTROSHOP), "certs", "rotate"], capture_output=True, text=True,
                             timeout=60, env={**os.environ, "ASTROSHOP_RUN_DIR": str(stack.paths.root)})
    for thread in threads:
        thread.join(ROTATION_LOAD_S + 10)
    assert rotated.returncode == 0, rotated.stdout + rotated.stderr
    after = current(TlsDir(stack.paths.tls)).cert_pem
    assert after != before
    assert trust.served_fingerprint(topology.host, topology.https_port, ca) == \
        authority.fingerprint(after)
    assert set(tally) == {200}, f"failed requests during the rotation: {tally}"
    assert tally[200] > 20, tally
    assert {row["name"]: row["pid"] for row in stack.status()}["envoy"] == envoy_pid
