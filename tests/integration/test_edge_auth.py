"""Identity at the edge, live: Envoy verifies every token (and a service never sees a request
with a bad one, by its own request counter), strips the account header clients send, links a
signed-in checkout to the account, limits sign-ins per client, and keeps its cookies strict."""
from __future__ import annotations

import json
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import jwt
import pytest

from harness.certs import trust
from harness.shopclient import ShopClient
from harness.signing import keyset, probe
from harness.signing.keyset import new_key
from shop.contracts.headers import ACCOUNT_HEADER
from tests.support.accounts import (PASSWORD, bearer, new_email, post_from, requests_seen,
                                    sign_up_and_in)


@pytest.fixture(scope="module")
def edge(topology):
    return topology.public_url()


@pytest.fixture(scope="module")
def keys(stack):
    """The stack's active signing key (the harness made the key set; it may sign tests' tokens)."""
    return keyset.load(stack.paths.signing_keys).active()


@pytest.fixture(scope="module")
def shopper(edge):
    return sign_up_and_in(edge)


def subject(token: str) -> str:
    """The account a token names (read without verifying: it was just issued to us)."""
    return jwt.decode(token, options={"verify_signature": False})["sub"]


def tampered(token: str) -> str:
    """The token with its payload changed (another subject) and its signature kept."""
    head, body, signature = token.split(".")
    claims = {**jwt.decode(token, options={"verify_signature": False}), "sub": "f" * 32}
    forged = jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()
    return ".".join([head, forged, signature])


def defects(keys, shopper) -> dict[str, str | None]:
    """One token per defect the edge must refuse (None: no token at all)."""
    account = subject(shopper["access_token"])
    good = probe.token(keys, account)
    forged = tampered(good)
    stranger = new_key("active", 0)
    none_header = jwt.utils.base64url_encode(b'{"alg":"none","typ":"JWT"}').decode()
    _, forged_body, signature = forged.split(".")
    return {
        "missing": None,
        "expired": probe.token(keys, account, lifetime_s=-600, iat=0, nbf=0),
        "tampered": forged,
        "wrongly signed": probe.token(stranger.model_copy(update={"kid": keys.kid}), account),
        "unknown key": probe.token(stranger, account),
        "alg none": f"{none_header}.{forged_body}.",
        "alg none, signed": f"{none_header}.{forged_body}.{signature}",
        "wrong issuer": probe.token(keys, account, iss="https://evil.example"),
        "wrong audience": probe.token(keys, account, aud="another-shop"),
    }


DEFECTS = ["missing", "expired", "tampered", "wrongly signed", "unknown key", "alg none",
           "alg none, signed", "wrong issuer", "wrong audience"]


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_bad_token_gets_envoys_401_and_never_reaches_accounts(topology, edge, keys,
                                                                 shopper, defect):
    token = defects(keys, shopper)[defect]
    before = requests_seen(topology, "/api/account")
    answer = trust.session().get(f"{edge}/api/account", timeout=10,
                                 headers=bearer(token) if token else {})
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["title"] == "Unauthorized" and answer.json()["detail"]
    assert answer.headers["www-authenticate"].startswith("Bearer")
    assert requests_seen(topology, "/api/account") == before, "accounts saw the request"


def test_a_good_token_reaches_accounts_and_moves_its_counter(topology, edge, shopper):
    before = requests_seen(topology, "/api/account")
    answer = trust.session().get(f"{edge}/api/account", headers=bearer(shopper["access_token"]),
                                 timeout=10)
    assert answer.status_code == 200 and answer.json()["email"] == shopper["email"]
    assert requests_seen(topology, "/api/account") == before + 1


def test_a_client_cannot_pose_as_an_account(edge, shopper):
    session, victim = trust.session(), subject(shopper["access_token"])
    posed = session.get(f"{edge}/api/account", headers={ACCOUNT_HEADER: victim}, timeout=10)
    assert posed.status_code == 401  # the header is removed: no token, no account
    other = sign_up_and_in(edge)
    mixed = session.get(f"{edge}/api/account", timeout=10,
                        headers={**bearer(other["access_token"]), ACCOUNT_HEADER: victim})
    assert mixed.json()["email"] == other["email"]  # the token's subject, never the client's


def test_a_signed_in_checkout_lands_in_the_accounts_orders_and_an_anonymous_one_does_not(
        edge, shop: ShopClient):
    buyer = sign_up_and_in(edge)
    session, products = trust.session(), shop.products()
    placed = []
    for signed_in in (True, False, True):
        cart = uuid.uuid4().hex
        shop.add_to_cart(cart, products[0]["id"], 1)
        headers = {"Idempotency-Key": uuid.uuid4().hex,
                   **(bearer(buyer["access_token"]) if signed_in else
                      {ACCOUNT_HEADER: subject(buyer["access_token"])})}
        body = {"cart_id": cart, "currency": "USD", "email": buyer["email"],
                "address": {"street": "1 Observatory Way", "city": "Flagstaff", "state": "AZ",
                            "zip": "86001", "country": "US"},
                "card": {"number": "4242 4242 4242 4242", "exp_month": 12, "exp_year": 2035,
                         "cvv": "123"}}
        answer = session.post(f"{edge}/api/checkout", json=body, headers=headers, timeout=20)
        assert answer.status_code == 201, answer.text
        placed.append(answer.json()["order_id"])
    history = session.get(f"{edge}/api/account/orders", headers=bearer(buyer["access_token"]),
                          timeout=10).json()
    assert [order["order_id"] for order in history["orders"]] == [placed[2], placed[0]]
    refused = session.post(f"{edge}/api/checkout", json={}, timeout=10, headers={
        **bearer(tampered(buyer["access_token"])), "Idempotency-Key": uuid.uuid4().hex})
    assert refused.status_code == 401  # optional: no token is fine, a bad one is not


def test_refresh_tokens_rotate_and_a_replay_ends_the_session(edge):
    pair, session = sign_up_and_in(edge), trust.session()
    fresh = session.post(f"{edge}/api/account/refresh",
                         json={"refresh_token": pair["refresh_token"]}, timeout=10)
    assert fresh.status_code == 200
    assert session.post(f"{edge}/api/account/refresh", timeout=10,
                        json={"refresh_token": pair["refresh_token"]}).status_code == 401
    assert session.post(f"{edge}/api/account/refresh", timeout=10, json={
        "refresh_token": fresh.json()["refresh_token"]}).status_code == 401


def test_sign_in_is_limited_per_client_with_retry_after(topology):
    tries = topology.signin_burst * 3
    # Sent together, so the bucket cannot refill between them however slow each sign-in is.
    with ThreadPoolExecutor(max_workers=tries) as pool:
        answers = list(pool.map(lambda _: post_from(
            "127.0.0.2", topology, "/api/account/signin",
            {"email": new_email(), "password": "not it"}), range(tries)))
    limited = [(headers, body) for status, headers, body in answers if status == 429]
    assert limited, f"no 429 in {tries} sign-ins sent together: {[a[0] for a in answers]}"
    headers, body = limited[0]
    assert int(headers.get("retry-after", "0")) >= 1
    assert body["status"] == 429
    status, _, _ = post_from("127.0.0.1", topology, "/api/account/signin",
                             {"email": new_email(), "password": "not it"})
    assert status == 401, "another client's limit reached this one"


def test_the_storefront_keeps_the_token_in_a_strict_cookie(edge, shopper):
    session = trust.session()
    form = session.get(f"{edge}/signin", timeout=10).text
    token = re.search(r'name="csrf_token"[^>]*?value="([^"]+)"', form).group(1)
    answer = session.post(f"{edge}/signin", allow_redirects=False, timeout=10,
                          headers={"Referer": f"{edge}/signin"},
                          data={"csrf_token": token, "email": shopper["email"],
                                "password": PASSWORD, "next": "/account"})
    assert answer.status_code == 303, answer.text[:300]
    cookies = [c for c in answer.raw.headers.getlist("Set-Cookie") if c.startswith("astroshop_")]
    assert len(cookies) == 2
    for cookie in cookies:
        flags = {part.strip().lower() for part in cookie.split(";")}
        assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags, cookie
    assert session.get(f"{edge}/account", timeout=10).status_code == 200
    forged = tampered(session.cookies["astroshop_access"])
    refused = trust.session().get(f"{edge}/account/orders", timeout=10,
                                  cookies={"astroshop_access": forged})
    assert refused.status_code == 401 and "Please sign in" in refused.text
    assert refused.headers["content-type"].startswith("text/html")
