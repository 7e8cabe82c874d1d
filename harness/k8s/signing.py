"""The accounts service's signing keys on Kubernetes: a Secret made from a key set the harness
keeps (the run directory's), applied before the overlay, so no key is ever committed.

A rotation there is `astroshop keys rotate` against the run directory, then `astroshop k8s
apply` again: the kubelet swaps the mounted file and the service re-reads it.
"""
from __future__ import annotations

from pathlib import Path

from harness.k8s import objects
from harness.k8s.workloads import SIGNING_SECRET
from harness.signing import keyset
from shop.contracts.signing import KEYSET_FILE


def secret(keys: Path) -> dict:
    """The Secret holding the key set in `keys` (made there first when missing)."""
    keyset.ensure(keys)
    return {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": objects.metadata(SIGNING_SECRET, "service"),
            "stringData": {KEYSET_FILE: keys.read_text()}}
