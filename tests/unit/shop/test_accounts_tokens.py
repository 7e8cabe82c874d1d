"""Unit tests of the accounts service's pieces: password hashing, access tokens issued and
verified (every defect the edge must refuse), refresh rotation and reuse detection, lockout."""
import json
import time

import jwt
import pytest
from sqlalchemy import select

from harness.signing import keyset
from shop.accounts import passwords
from shop.accounts.keys import KeyRing
from shop.accounts.lockout import Lockout, Policy
from shop.accounts.sessions import RefreshRefused, RefreshTokens
from shop.accounts.store import AccountStore
from shop.accounts.tables import refresh_tokens
from shop.accounts.tokens import issue_access, refresh_digest, verify
from shop.common.config import ConfigError
from shop.contracts.accounts import ALGORITHM, AUDIENCE, ISSUER
from tests.unit.shop.accounts_support import key_file

ACCOUNT = "0123456789abcdef0123456789abcdef"


def test_a_password_is_hashed_with_argon2id_salted_and_verified():
    first, second = (passwords.hash_password("a quiet night under dark skies") for _ in range(2))
    assert first.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert first != second  # a salt of its own each time
    assert passwords.verify(first, "a quiet night under dark skies")
    assert not passwords.verify(first, "a quiet night under dark skies!")
    assert not passwords.verify("not a hash", "anything")
    assert not passwords.needs_rehash(first)


def test_the_same_characters_match_however_they_were_composed():
    composed, decomposed = "caf\u00e9 au lait at dawn", "cafe\u0301 au lait at dawn"
    assert passwords.verify(passwords.hash_password(composed), decomposed)


@pytest.mark.parametrize("password, problem", [
    ("password1234", passwords.COMMON), ("QWERTYUIOP123", passwords.COMMON),
    ("correct horse battery staple", passwords.COMMON),
    ("vera@example.com", passwords.SAME_AS_EMAIL),
    ("a quiet night under dark skies", None), ("ünïcödé pässwörd ∑", None),
])
def test_the_sign_up_policy(password, problem):
    assert passwords.policy_problem(password, "vera@example.com") == problem


def test_the_common_list_ships_with_the_service_and_only_holds_long_entries():
    common = passwords.common_passwords()
    assert len(common) > 1000
    assert all(len(entry) >= 12 for entry in common)


@pytest.fixture
def ring(tmp_path):
    return KeyRing(key_file(tmp_path))


def test_an_access_token_is_an_es256_jwt_for_our_issuer_and_audience(ring):
    token = issue_access(ring, ACCOUNT)
    header = jwt.get_unverified_header(token)
    assert header["alg"] == ALGORITHM and header["kid"] == ring.signing_key()[0]
    claims = verify(token, ring.jwks())
    assert claims["sub"] == ACCOUNT and claims["iss"] == ISSUER and claims["aud"] == AUDIENCE
    assert claims["exp"] - claims["iat"] == 15 * 60


def test_the_jwks_holds_public_keys_only(ring):
    (jwk,) = ring.jwks()["keys"]
    assert jwk["kty"] == "EC" and jwk["crv"] == "P-256" and jwk["alg"] == "ES256"
    assert "d" not in jwk  # the private scalar never leaves the service


def forged(claims: dict, ring: KeyRing, **header) -> str:
    """A token signed with the ring's key but carrying other claims or headers."""
    kid, key = ring.signing_key()
    return jwt.encode(claims, key, algorithm="ES256", headers={"kid": kid, **header})


def defects(ring: KeyRing, tmp_path) -> dict[str, str]:
    """One token per defect the edge refuses."""
    now = int(time.time())
    good = {"iss": ISSUER, "aud": AUDIENCE, "sub": ACCOUNT, "iat": now, "nbf": now,
            "exp": now + 900}
    token = issue_access(ring, ACCOUNT)
    head, body, signature = token.split(".")
    other = KeyRing(key_file(tmp_path / "other"))
    unsigned = jwt.encode(good, None, algorithm="none")
    return {
        "expired": issue_access(ring, ACCOUNT, now=now - 3600),
        "tampered": ".".join([head, jwt.utils.base64url_encode(json.dumps(
            {**good, "sub": "f" * 32}).encode()).decode(), signature]),
        "wrongly signed": issue_access(other, ACCOUNT),
        "alg none": unsigned,
        "wrong issuer": forged({**good, "iss": "someone-else"}, ring),
        "wrong audience": forged({**good, "aud": "another-shop"}, ring),
    }


def test_every_token_defect_is_refused(ring, tmp_path):
    for defect, token in defects(ring, tmp_path).items():
        with pytest.raises(jwt.InvalidTokenError):
            verify(token, ring.jwks())
            pytest.fail(f"a token with the defect {defect!r} was accepted")


def test_a_rotation_publishes_both_keys_and_signs_with_the_new_one(tmp_path):
    path = key_file(tmp_path)
    ring = KeyRing(path)
    old_token = issue_access(ring, ACCOUNT)
    grown, fresh = keyset.add_next(keyset.load(path), time.time())
    keyset.write(path, grown)
    ring._checked = 0  # look at the file now rather than in a second
    assert {k["kid"] for k in ring.jwks()["keys"]} == {key.kid for key in grown.keys}
    assert ring.signing_key()[0] != fresh.kid  # published first, not signing yet
    keyset.write(path, keyset.promote(grown, fresh.kid, time.time()))
    ring._checked = 0
    assert ring.signing_key()[0] == fresh.kid
    verify(old_token, ring.jwks())  # the retiring key still verifies its tokens
    verify(issue_access(ring, ACCOUNT), ring.jwks())
    later = time.time() + 15 * 60 + 61
    assert [k["kid"] for k in ring.jwks(now=later)["keys"]] == [fresh.kid]


def test_a_broken_key_file_keeps_the_last_good_keys_and_makes_the_service_unready(ring):
    kid = ring.signing_key()[0]
    ring.path.write_text("{not json")
    ring._checked = 0
    assert ring.signing_key()[0] == kid
    with pytest.raises(ConfigError, match="not a usable key set"):
        ring.check()


@pytest.fixture
def sessions(tmp_path):
    store = AccountStore(f"sqlite:///{tmp_path}/a.db")
    account = store.create("vera@example.com", passwords.hash_password("x" * 12), time.time())
    return RefreshTokens(store.engine, ttl_s=3600), account.account_id


def test_a_refresh_token_is_stored_hashed_and_rotates_once(sessions):
    tokens, account = sessions
    first = tokens.issue(account, time.time())
    with tokens.engine.connect() as conn:
        stored = [row.token_hash for row in conn.execute(select(refresh_tokens))]
    assert stored == [refresh_digest(first)] and first not in stored
    second = tokens.rotate(first, time.time())
    assert second.account_id == account and second.token != first
    assert tokens.rotate(second.token, time.time()).account_id == account


def test_a_reused_refresh_token_revokes_its_whole_family(sessions):
    tokens, account = sessions
    first = tokens.issue(account, time.time())
    second = tokens.rotate(first, time.time()).token  # the shopper rotates...
    with pytest.raises(RefreshRefused, match="reused"):
        tokens.rotate(first, time.time())  # ...and a thief replays the old one
    with pytest.raises(RefreshRefused, match="revoked"):
        tokens.rotate(second, time.time())  # the shopper's copy is gone too


def test_refresh_tokens_expire_and_are_revoked_by_sign_out(sessions):
    tokens, account = sessions
    old = tokens.issue(account, time.time() - 7200)
    with pytest.raises(RefreshRefused, match="expired"):
        tokens.rotate(old, time.time())
    live = tokens.issue(account, time.time())
    assert tokens.revoke_account(account, time.time()) == 2
    with pytest.raises(RefreshRefused, match="revoked"):
        tokens.rotate(live, time.time())
    with pytest.raises(RefreshRefused, match="unknown"):
        tokens.rotate("never-issued-token-xxxxxxxx", time.time())


def test_repeated_failures_lock_any_address_briefly(tmp_path):
    store = AccountStore(f"sqlite:///{tmp_path}/a.db")
    lockout = Lockout(store.engine, "secret", Policy(limit=3, window_s=60, lock_s=30))
    now = time.time()
    assert [lockout.failed("nobody@example.com", now) for _ in range(3)] == [0, 0, 30]
    assert lockout.locked_for("NOBODY@example.com", now + 1) == pytest.approx(29)
    assert lockout.locked_for("nobody@example.com", now + 31) == 0
    lockout.failed("vera@example.com", now)
    lockout.succeeded("vera@example.com")
    assert [lockout.failed("vera@example.com", now) for _ in range(2)] == [0, 0]
    assert lockout.subject("vera@example.com") != "vera@example.com"
