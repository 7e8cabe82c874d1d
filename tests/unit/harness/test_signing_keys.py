"""The accounts service's signing keys as the harness keeps them: made once, private on disk,
rotated in two steps, pruned after the retiring key's tokens expired; `astroshop keys`; the
key set's delivery to every target (Kubernetes Secret, cluster host, compose)."""
from __future__ import annotations

import json
import stat
import time

import pytest
from click.testing import CliRunner

from harness.cli import main
from harness.containers import compose
from harness.k8s import signing as k8s_signing
from harness.k8s.workloads import SIGNING_SECRET, deployment
from harness.model.topology import Topology
from harness.signing import keyset
from shop.contracts.signing import KeySet


@pytest.fixture
def path(tmp_path):
    return tmp_path / "run" / "keys" / "keyset.json"


def test_a_key_set_is_made_once_private_and_then_kept(path):
    first = keyset.ensure(path)
    assert [key.state for key in first.keys] == ["active"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert keyset.ensure(path) == first
    assert "PRIVATE KEY" in first.active().private_key_pem and len(first.active().kid) == 43


def test_a_rotation_publishes_first_then_signs_then_retires_the_old_key(path):
    old = keyset.ensure(path).active()
    grown, fresh = keyset.add_next(keyset.load(path), now=1000.0)
    assert {k.kid: k.state for k in grown.keys} == {old.kid: "active", fresh.kid: "next"}
    promoted = keyset.promote(grown, fresh.kid, now=2000.0)
    states = {k.kid: (k.state, k.retire_at) for k in promoted.keys}
    assert states[fresh.kid] == ("active", None)
    assert states[old.kid] == ("retiring", 2000.0 + 15 * 60 + keyset.CLOCK_SKEW_S)
    assert [k.kid for k in promoted.published(now=2000.0 + 900)] == [old.kid, fresh.kid]
    assert [k.kid for k in keyset.prune(promoted, now=2000.0 + 961).keys] == [fresh.kid]


def test_a_second_unpromoted_key_replaces_the_first(path):
    once, first = keyset.add_next(keyset.ensure(path), time.time())
    twice, second = keyset.add_next(once, time.time())
    assert [k.kid for k in twice.keys if k.state == "next"] == [second.kid] != [first.kid]


def test_a_key_set_without_exactly_one_active_key_is_refused():
    key = keyset.new_key("next", 0)
    with pytest.raises(ValueError, match="exactly one active key"):
        KeySet(keys=(key,))


def test_a_copy_for_a_container_is_read_only(path, tmp_path):
    copy = keyset.copy_for(path, tmp_path / "containers" / "keyset.json", uid=10001)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400
    assert json.loads(copy.read_text()) == json.loads(path.read_text())


def test_keys_show_and_rotate_without_a_running_stack(tmp_path, monkeypatch):
    monkeypatch.setenv("ASTROSHOP_RUN_DIR", str(tmp_path / "run"))
    shown = CliRunner().invoke(main, ["keys", "show", "--json"])
    assert shown.exit_code == 0, shown.output
    (before,) = json.loads(shown.output)["keys"]
    rotated = CliRunner().invoke(main, ["keys", "rotate"])
    assert rotated.exit_code == 0, rotated.output
    after = json.loads(CliRunner().invoke(main, ["keys", "show", "--json"]).output)["keys"]
    assert {k["kid"]: k["state"] for k in after}[before["kid"]] == "retiring"
    assert [k["state"] for k in after].count("active") == 1


def test_kubernetes_gets_the_keys_as_a_secret_mounted_into_accounts_only(path):
    secret = k8s_signing.secret(path)
    assert secret["kind"] == "Secret" and secret["metadata"]["name"] == SIGNING_SECRET
    assert KeySet.model_validate_json(secret["stringData"]["keyset.json"]).active()
    topology = Topology()
    accounts = deployment(topology, topology.service("accounts"))["spec"]["template"]["spec"]
    assert {"name": "signing-keys", "secret": {"secretName": SIGNING_SECRET,
                                               "defaultMode": 0o440}} in accounts["volumes"]
    catalog = deployment(topology, topology.service("catalog"))["spec"]["template"]["spec"]
    assert all(v["name"] != "signing-keys" for v in catalog["volumes"])


def test_compose_mounts_the_key_set_into_accounts_only():
    services = compose.render()["services"]
    assert any("/etc/astroshop/keys/keyset.json:ro" in v for v in services["accounts"]["volumes"])
    assert services["accounts"]["environment"]["ASTROSHOP_SIGNING_KEYS"] == \
        "/etc/astroshop/keys/keyset.json"
    assert all("keys" not in v for v in services["catalog"]["volumes"])
