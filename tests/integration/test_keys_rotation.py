"""Rotating the signing keys on a running stack: `astroshop keys rotate` publishes the new key,
waits until the edge verifies it, then signs with it; tokens of the old key stay valid while
both are published."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jwt
import requests

from harness.certs import trust
from harness.signing import keyset
from tests.support.accounts import bearer, sign_up_and_in

ASTROSHOP = Path(sys.executable).parent / "astroshop"


def published(topology) -> list[str]:
    """The key ids accounts publishes, read through the mesh as Envoy reads them."""
    answer = requests.get(f"{topology.mesh_url()}/.well-known/jwks.json",
                          headers={"Host": "accounts"}, timeout=5)
    return [key["kid"] for key in answer.json()["keys"]]


def test_a_rotation_keeps_old_tokens_valid_and_signs_new_ones_with_the_new_key(stack, topology):
    edge = topology.public_url()
    before = sign_up_and_in(edge)
    old_kid = jwt.get_unverified_header(before["access_token"])["kid"]
    result = subprocess.run([str(ASTROSHOP), "keys", "rotate"], capture_output=True, text=True,
                            timeout=180, env={**os.environ, "ASTROSHOP_RUN_DIR": str(stack.paths.root)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the edge verifies the new key" in result.stdout
    current = keyset.load(stack.paths.signing_keys)
    new_kid = current.active().kid
    assert new_kid != old_kid
    assert {key.kid: key.state for key in current.keys}[old_kid] == "retiring"
    assert set(published(topology)) >= {old_kid, new_kid}
    session = trust.session()
    assert session.get(f"{edge}/api/account", headers=bearer(before["access_token"]),
                       timeout=10).status_code == 200
    after = sign_up_and_in(edge)
    assert jwt.get_unverified_header(after["access_token"])["kid"] == new_kid
    assert session.get(f"{edge}/api/account", headers=bearer(after["access_token"]),
                       timeout=10).status_code == 200
    assert oct(stack.paths.signing_keys.stat().st_mode & 0o777) == "0o600"
