"""The edge's certificates: a CA, a server certificate for the right names, private files
created private, rotation by one atomic link swap, `ensure` reusing or renewing."""
from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path

import pytest
from cryptography import x509

from harness.certs import authority, trust
from harness.certs.files import KEEP, TlsDir, current, ensure, generations, rotate
from harness.model.edge import certificate_names


@pytest.fixture
def tls(tmp_path) -> TlsDir:
    return TlsDir(tmp_path / "run" / "tls")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_server_certificate_covers_every_edge_name_and_chains_to_the_ca(tls):
    issued = ensure(tls, certificate_names("10.77.0.10"))
    cert = issued.cert
    assert authority.names_of(cert) == {"127.0.0.1", "localhost", "10.77.0.10", "envoy-public",
                                        "envoy-public.astroshop", "envoy-public.astroshop.svc",
                                        "envoy-public.astroshop.svc.cluster.local"}
    ca = x509.load_pem_x509_certificate(tls.ca_cert.read_bytes())
    cert.verify_directly_issued_by(ca)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usages = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usages) == [x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]
    assert 80 < authority.days_left(cert) <= authority.SERVER_DAYS


def test_keys_are_0600_and_folders_0700_from_the_start(tls, monkeypatch):
    created = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, flags, mode=0o777, **kw: (
        created.append((Path(path).name, flags, mode)), real_open(path, flags, mode, **kw))[1])
    ensure(tls, ["127.0.0.1"])
    assert created and all(m == 0o600 and f & os.O_EXCL for _, f, m in created)
    for path in (tls.ca_key, tls.ca_cert, tls.key, tls.cert):
        assert mode(path) == 0o600, path
    for folder in (tls.root, *generations(tls)):
        assert mode(folder) == 0o700, folder


def test_rotation_swaps_the_live_link_and_keeps_the_ca(tls):
    first = ensure(tls, ["127.0.0.1", "localhost"])
    ca = tls.ca_cert.read_bytes()
    second = rotate(tls)
    assert second.cert_pem != first.cert_pem and second.key_pem != first.key_pem
    assert tls.ca_cert.read_bytes() == ca
    assert current(tls) == second and os.readlink(tls.live) == generations(tls)[-1].name
    assert authority.names_of(second.cert) == {"127.0.0.1", "localhost"}
    for _ in range(3):
        rotate(tls)
    assert len(generations(tls)) == KEEP
    assert not list(tls.root.glob(".*"))  # no temporary file or link left behind


def test_ensure_reuses_a_good_certificate_and_renews_otherwise(tls, monkeypatch):
    first = ensure(tls, ["127.0.0.1"])
    assert ensure(tls, ["127.0.0.1"]) == first
    widened = ensure(tls, ["127.0.0.1", "10.77.160.10"])
    assert widened != first and "10.77.160.10" in authority.names_of(widened.cert)
    soon = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=80)
    monkeypatch.setattr(authority, "_now", lambda: soon)
    assert ensure(tls, ["127.0.0.1"]) != widened


def test_a_new_ca_means_a_new_server_certificate(tls):
    first = ensure(tls, ["127.0.0.1"])
    tls.ca_cert.unlink()
    tls.ca_key.unlink()
    again = ensure(tls, ["127.0.0.1"])
    assert again != first
    again.cert.verify_directly_issued_by(x509.load_pem_x509_certificate(tls.ca_cert.read_bytes()))


def test_clients_find_the_ca_by_variable_else_in_the_run_directory(tls, monkeypatch):
    monkeypatch.delenv(trust.CA_ENV, raising=False)
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tls.root.parent))
    assert trust.ca_file() is None and trust.verify() is True
    ensure(tls, ["127.0.0.1"])
    assert trust.ca_file() == tls.ca_cert and trust.verify() == str(tls.ca_cert)
    monkeypatch.setenv(trust.CA_ENV, str(tls.ca_cert))
    assert trust.environment() == {trust.CA_ENV: str(tls.ca_cert)}
    monkeypatch.setenv(trust.CA_ENV, str(tls.root / "missing.pem"))
    with pytest.raises(FileNotFoundError):
        trust.ca_file()


def test_a_session_keeps_its_ca_over_requests_ca_bundle(tls, monkeypatch):
    ensure(tls, ["127.0.0.1"])
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    session = trust.session(tls.ca_cert)
    settings = session.merge_environment_settings("https://127.0.0.1:8443/", {}, None, None, None)
    assert settings["verify"] == str(tls.ca_cert)
    named = session.merge_environment_settings("https://x/", {}, None, "/other.pem", None)
    assert named["verify"] == "/other.pem"
