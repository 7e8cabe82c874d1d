"""A local certificate authority and the edge's server certificate, made with `cryptography`.

Keys are ECDSA P-256 (fast handshakes, accepted by every client). The CA lives ten years; a
server certificate 90 days, and `ensure` (harness/certs/files.py) renews it two weeks before.
"""
from __future__ import annotations

import datetime
import hashlib
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_NAME = "AstroShop local CA"
CA_DAYS = 3650
SERVER_DAYS = 90
BACKDATE = datetime.timedelta(minutes=5)  # tolerate a client clock a little behind


@dataclass(frozen=True)
class Issued:
    """A certificate and its private key, both PEM."""

    cert_pem: bytes
    key_pem: bytes

    @property
    def cert(self) -> x509.Certificate:
        """The certificate, parsed."""
        return x509.load_pem_x509_certificate(self.cert_pem)

    def key(self) -> ec.EllipticCurvePrivateKey:
        """The private key, parsed."""
        return serialization.load_pem_private_key(self.key_pem, password=None)


def _new_key() -> ec.EllipticCurvePrivateKey:
    """A fresh P-256 private key."""
    return ec.generate_private_key(ec.SECP256R1())


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    """A private key as unencrypted PKCS#8 PEM (the files are 0600 in a 0700 directory)."""
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _now() -> datetime.datetime:
    """The current time, in UTC."""
    return datetime.datetime.now(datetime.timezone.utc)


def _name(common_name: str) -> x509.Name:
    """A subject of one common name under the project's organisation."""
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "AstroShop"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _usage(**allowed: bool) -> x509.KeyUsage:
    """A KeyUsage that allows only the named uses."""
    uses = ("digital_signature", "content_commitment", "key_encipherment", "data_encipherment",
            "key_agreement", "key_cert_sign", "crl_sign", "encipher_only", "decipher_only")
    return x509.KeyUsage(**{use: allowed.get(use, False) for use in uses})


def new_ca() -> Issued:
    """A self-signed CA that may sign server certificates and nothing below them."""
    key, now = _new_key(), _now()
    subject = _name(CA_NAME)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE).not_valid_after(now + datetime.timedelta(CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    return Issued(cert.public_bytes(serialization.Encoding.PEM), _pem(key))


def alt_name(name: str) -> x509.GeneralName:
    """An IP address entry for a literal address, else a DNS name entry."""
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        return x509.DNSName(name)


def issue_server(ca: Issued, names: Iterable[str]) -> Issued:
    """A server certificate for `names` (host names and addresses), signed by `ca`."""
    names = sorted(set(names))
    if not names:
        raise ValueError("a server certificate needs at least one name")
    key, now, authority = _new_key(), _now(), ca.cert
    cert = (x509.CertificateBuilder().subject_name(_name(names[0]))
            .issuer_name(authority.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - BACKDATE)
            .not_valid_after(now + datetime.timedelta(SERVER_DAYS))
            .add_extension(x509.SubjectAlternativeName([alt_name(n) for n in names]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(_usage(digital_signature=True), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                authority.public_key()), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(ca.key(), hashes.SHA256()))
    return Issued(cert.public_bytes(serialization.Encoding.PEM), _pem(key))


def names_of(cert: x509.Certificate) -> set[str]:
    """The host names and addresses a certificate's SubjectAlternativeName covers."""
    alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    return {str(n) for n in alt.get_values_for_type(x509.IPAddress)} | set(
        alt.get_values_for_type(x509.DNSName))


def days_left(cert: x509.Certificate) -> float:
    """Days until the certificate expires (negative once it has)."""
    return (cert.not_valid_after_utc - _now()).total_seconds() / 86400


def fingerprint(cert_pem: bytes) -> str:
    """The SHA-256 fingerprint of a PEM certificate's DER bytes, as hex."""
    der = x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)
    return hashlib.sha256(der).hexdigest()
