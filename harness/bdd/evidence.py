"""QA evidence beyond what a shopper sees: charges and emails, read through Envoy's mesh."""
from __future__ import annotations

import requests

from harness.signing import keyset
from harness.target import Target
from shop.contracts.payment import payment_key
from shop.contracts.signing import SigningKey


class NoMeshAccess(LookupError):
    """The target's internal listener is not reachable from here (a remote shop)."""


def mesh_get(target: Target, service: str, path: str, **params: str) -> dict:
    """GET an internal endpoint of `service` through the mesh listener, as services do."""
    if not target.mesh_url:
        raise NoMeshAccess(f"{target.public_url} was given without its mesh listener")
    response = requests.get(target.mesh_url + path, params=params, headers={"Host": service},
                            timeout=5)
    if response.status_code != 200:
        raise AssertionError(f"{service} {path} answered {response.status_code} on the mesh: "
                             f"{response.text[:200]}")
    return response.json()


def charges_for(target: Target, idempotency_key: str) -> list[dict]:
    """The payment service's charges made for one checkout's Idempotency-Key."""
    return mesh_get(target, "payment", "/charges",
                    idempotency_key=payment_key(idempotency_key))["charges"]


def emails_to(target: Target, address: str) -> list[dict]:
    """The confirmation emails in the outbox for one address."""
    return mesh_get(target, "email", "/outbox", to=address)["messages"]


def readiness(target: Target, service: str) -> tuple[int, str]:
    """A service's /readyz status and body, through the mesh."""
    if not target.mesh_url:
        raise NoMeshAccess(f"{target.public_url} was given without its mesh listener")
    response = requests.get(target.mesh_url + "/readyz", headers={"Host": service}, timeout=5)
    return response.status_code, response.text[:300]


def account_requests(target: Target, route: str, method: str = "GET") -> float:
    """How many requests the accounts service answered on `route`, from its own metrics."""
    if not target.mesh_url:
        raise NoMeshAccess(f"{target.public_url} was given without its mesh listener")
    text = requests.get(target.mesh_url + "/metrics", headers={"Host": "accounts"},
                        timeout=5).text
    total = 0.0
    for line in text.splitlines():
        if (line.startswith("astroshop_http_requests_total{") and f'route="{route}"' in line
                and f'method="{method}"' in line):
            total += float(line.rsplit(" ", 1)[1])
    return total


def signing_key(target: Target) -> SigningKey:
    """The key the target's accounts service signs with: only the local stack's is here."""
    found = keyset.load(target.stack.paths.signing_keys) if target.stack else None
    if found is None:
        raise NoMeshAccess(f"the signing keys of {target.public_url} are not on this machine")
    return found.active()
