"""`astroshop keys show | rotate`: the accounts service's signing keys in the run directory."""
from __future__ import annotations

import datetime
import json
import time

import click
from rich.console import Console

from harness.certs import trust
from harness.commands.errors import fail
from harness.paths import RunPaths
from harness.polling import NeverHappened, poll_until
from harness.signing import keyset, probe
from harness.stack.options import StackOptions
from harness.stack.runner import Stack
from shop.contracts.signing import KeySet, SigningKey

console = Console(highlight=False, soft_wrap=True)
SETTLE_S = 2.0  # after the probes: the other provider of a listener refreshes alongside


def when(timestamp: float | None) -> str:
    """A time as ISO 8601 UTC to the second (or empty)."""
    if timestamp is None:
        return ""
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).isoformat(timespec="seconds")


def describe(path, found: KeySet) -> dict:
    """The key set file and every key: id, state, made, retiring at."""
    return {"file": str(path), "keys": [
        {"kid": key.kid, "state": key.state, "created_at": when(key.created_at),
         "retire_at": when(key.retire_at)} for key in found.keys]}


def wait_for_edge(options: StackOptions, fresh: SigningKey) -> None:
    """Until every public listener verifies a token of the new key (each fetches the JWKS
    every jwks_cache_s; its two providers, bearer and cookie, at the same moment), then a
    little more for the providers to agree."""
    topology = options.topology()
    urls = [topology.public_url(), *([] if options.tls_only else [topology.plain_url()])]
    started, limit = time.monotonic(), 2 * topology.jwks_cache_s + 30
    console.print(f"waiting for the edge to fetch the JWKS again (every "
                  f"{topology.jwks_cache_s}s) ...")
    try:
        for url in urls:
            poll_until(lambda: probe.edge_accepts(trust.session(), url, fresh), limit,
                       f"the edge at {url} accepting a token of the new key", interval=1.0)
    except NeverHappened as exc:
        fail(f"{exc}; the new key stays published, the old one keeps signing; see "
             "`astroshop logs envoy` and `astroshop logs accounts-0`")
    time.sleep(SETTLE_S)
    console.print(f"the edge verifies the new key after {time.monotonic() - started:.0f}s")


@click.group()
def keys():
    """The accounts service's token signing keys (made by `astroshop up`)."""


@keys.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def show(as_json):
    """The key set: which key signs, which are only published (next, retiring)."""
    path = RunPaths.default().signing_keys
    described = describe(path, keyset.ensure(path))
    if as_json:
        click.echo(json.dumps(described, indent=2))
        return
    console.print(f"key set  {described['file']} (0600)")
    for key in described["keys"]:
        until = f", published until {key['retire_at']}" if key["retire_at"] else ""
        console.print(f"  {key['state']:<9} {key['kid']}  made {key['created_at']}{until}")


@keys.command()
def rotate():
    """A new signing key: published first, signing once the edge knows it; the old key stays
    published until the last token it signed has expired."""
    paths = RunPaths.default()
    grown, fresh = keyset.add_next(keyset.ensure(paths.signing_keys), time.time())
    keyset.write(paths.signing_keys, grown)
    console.print(f"new key {fresh.kid} published (not signing yet)")
    if Stack(paths).running():
        wait_for_edge(StackOptions.load(paths), fresh)
    promoted = keyset.promote(grown, fresh.kid, time.time())
    keyset.write(paths.signing_keys, promoted)
    retiring = [key for key in promoted.keys if key.state == "retiring"]
    console.print(f"signing with {fresh.kid}")
    for key in retiring:
        console.print(f"{key.kid} stays published until {when(key.retire_at)} (its last token "
                      "expires then)")
