"""`astroshop certs show | rotate`: the edge's CA and server certificate in the run directory."""
from __future__ import annotations

import json
import time

import click
from rich.console import Console

from harness.certs import authority, trust
from harness.certs.files import Issued, TlsDir, current, ensure, rotate
from harness.commands.errors import fail
from harness.model.edge import certificate_names
from harness.polling import NeverHappened, poll_until
from harness.stack.options import StackOptions
from harness.stack.runner import Stack
from harness.paths import RunPaths

console = Console(highlight=False, soft_wrap=True)
PICKED_UP_WITHIN_S = 30


def describe(tls: TlsDir, live: Issued) -> dict:
    """The CA file and the live certificate: fingerprint, names, days left."""
    return {"ca_file": str(tls.ca_cert), "certificate": str(tls.cert),
            "fingerprint_sha256": authority.fingerprint(live.cert_pem),
            "names": sorted(authority.names_of(live.cert)),
            "days_left": round(authority.days_left(live.cert), 1)}


def how_to_trust(ca: str, url: str) -> list[str]:
    """Ways to trust the CA, from one command to the whole machine."""
    return [f"curl:      curl --cacert {ca} {url}/",
            f"Python:    requests.get(url, verify=\"{ca}\")  (or REQUESTS_CA_BUNDLE={ca})",
            "Chromium/Firefox on Linux (your user only):",
            f"           certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n 'AstroShop local CA' "
            f"-i {ca}",
            f"this machine (Debian): cp {ca} /usr/local/share/ca-certificates/astroshop.crt "
            "&& update-ca-certificates"]


@click.group()
def certs():
    """The edge's local CA and server certificate (made by `astroshop up`)."""


@certs.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show(as_json):
    """The CA file, the live certificate, and how to trust the CA."""
    paths = RunPaths.default()
    tls = TlsDir(paths.tls)
    live = current(tls) or ensure(tls, certificate_names())
    described = describe(tls, live)
    if as_json:
        click.echo(json.dumps(described, indent=2))
        return
    url = StackOptions.load(paths).topology().public_url()
    console.print(f"CA file      {described['ca_file']}")
    console.print(f"certificate  {described['fingerprint_sha256']} (sha256), "
                  f"{described['days_left']:.0f} days left")
    console.print(f"names        {', '.join(described['names'])}")
    console.print(f"store        {url}/ — trust the CA once:")
    for line in how_to_trust(described["ca_file"], url):
        console.print(f"  {line}")


@certs.command("rotate")
def rotate_command():
    """A new key and certificate from the same CA; a running Envoy takes it with no restart."""
    paths = RunPaths.default()
    tls = TlsDir(paths.tls)
    if current(tls) is None:
        fail(f"no certificate in {tls.root} yet: `astroshop up` makes one", 2)
    issued = rotate(tls)
    fingerprint = authority.fingerprint(issued.cert_pem)
    console.print(f"new certificate {fingerprint} (sha256) in {tls.cert}")
    if not Stack(paths).running():
        console.print("no stack runs from here: the next `astroshop up` serves it")
        return
    topology = StackOptions.load(paths).topology()
    started = time.monotonic()
    try:
        poll_until(lambda: trust.served_fingerprint(topology.host, topology.https_port,
                                                    tls.ca_cert) == fingerprint,
                   PICKED_UP_WITHIN_S, "the running Envoy serving the new certificate")
    except NeverHappened as exc:
        fail(f"{exc}; see `astroshop logs envoy`")
    console.print(f"served by the running Envoy after {time.monotonic() - started:.1f}s, "
                  "without a restart")


