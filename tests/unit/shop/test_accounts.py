"""Unit tests of the accounts service through Flask's test client: sign-up, sign-in, refresh,
sign-out, profile, orders (checkout faked), password change, bad input, what is never said."""
import io
import logging

import pytest
from sqlalchemy import func, select

import shop.accounts
from shop.accounts.tables import accounts
from shop.common.logs import JsonFormatter
from tests.unit.shop.accounts_support import PASSWORD, as_account, signed_up

SERVICE = shop.accounts  # the service conftest's `app` fixture builds


@pytest.fixture
def settings(settings):
    return {**settings, "LOCKOUT_FAILURES": "3"}


def stored(app) -> int:
    """How many accounts the database holds."""
    with app.extensions["accounts"].store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(accounts)).scalar()


def test_sign_up_creates_an_account_and_says_nothing_more(client):
    answer = client.post("/api/account/signup", json={"email": "Vera@Example.com",
                                                      "password": PASSWORD})
    assert answer.status_code == 201
    assert set(answer.json) == {"email", "created_at"} and answer.json["email"] == "vera@example.com"
    assert stored(client.application) == 1


def test_a_taken_address_gets_the_same_answer_and_keeps_its_password(client):
    signed_up(client)
    again = client.post("/api/account/signup", json={"email": "vera@example.com",
                                                     "password": "another long passphrase"})
    assert again.status_code == 201 and set(again.json) == {"email", "created_at"}
    assert stored(client.application) == 1
    assert client.post("/api/account/signin", json={
        "email": "vera@example.com", "password": "another long passphrase"}).status_code == 401


LONG = "x" * (1024 * 1024)


@pytest.mark.parametrize("body, field", [
    ({"email": "not-an-email", "password": PASSWORD}, "email"),
    ({"email": "vera@example.com", "password": "short"}, "password"),
    ({"email": "vera@example.com", "password": LONG}, "password"),
    ({"email": "vëra@exämple.com", "password": PASSWORD}, "email"),
    ({"email": "'; DROP TABLE accounts;--@example.com", "password": PASSWORD}, "email"),
    ({"email": "vera@example.com' OR '1'='1", "password": PASSWORD}, "email"),
    ({"email": "vera@example.com", "password": "password1234"}, "password"),
    ({"email": "vera@example.com", "password": 123456789012345}, "password"),
    ({"email": "vera@example.com"}, "password"),
    ({"email": "vera@example.com", "password": PASSWORD, "admin": True}, "admin"),
])
def test_bad_sign_up_input_is_a_4xx_naming_the_field_and_stores_nothing(client, body, field):
    answer = client.post("/api/account/signup", json=body)
    assert 400 <= answer.status_code < 500
    assert field in [error["field"].removeprefix("body.") for error in answer.json["errors"]]
    assert stored(client.application) == 0


def test_sql_looking_and_unicode_passwords_are_just_passwords(client):
    for password in ("' OR '1'='1'; DROP TABLE accounts; --", "ünïcödé pässwörd ∑ ✦ 星空"):
        email = f"user{len(password)}@example.com"
        assert client.post("/api/account/signup", json={"email": email, "password": password}
                           ).status_code == 201
        assert client.post("/api/account/signin", json={"email": email, "password": password}
                           ).status_code == 200
    assert stored(client.application) == 2


def test_sign_in_gives_a_bearer_pair(client):
    pair = signed_up(client)
    assert pair["token_type"] == "Bearer" and pair["expires_in"] == 900
    assert pair["access_token"].count(".") == 2 and "." not in pair["refresh_token"]


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client):
    signed_up(client)
    wrong = client.post("/api/account/signin", json={"email": "vera@example.com",
                                                     "password": "not the password"})
    unknown = client.post("/api/account/signin", json={"email": "nobody@example.com",
                                                       "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json["detail"] == unknown.json["detail"]
    assert wrong.json["errors"] == unknown.json["errors"]


def test_repeated_failures_lock_registered_and_unknown_addresses_alike(client):
    signed_up(client)
    for email in ("vera@example.com", "nobody@example.com"):
        for _ in range(3):
            client.post("/api/account/signin", json={"email": email, "password": "wrong one"})
        locked = client.post("/api/account/signin", json={"email": email, "password": PASSWORD})
        assert locked.status_code == 429, email
        assert int(locked.headers["Retry-After"]) >= 1
        assert locked.json["errors"] == [{"field": "email", "reason": "temporarily locked"}]


def test_refresh_rotates_and_a_replayed_token_ends_the_family(client):
    pair = signed_up(client)
    fresh = client.post("/api/account/refresh", json={"refresh_token": pair["refresh_token"]})
    assert fresh.status_code == 200 and fresh.json["refresh_token"] != pair["refresh_token"]
    replay = client.post("/api/account/refresh", json={"refresh_token": pair["refresh_token"]})
    assert replay.status_code == 401 and replay.json["errors"][0]["field"] == "refresh_token"
    assert client.post("/api/account/refresh", json={
        "refresh_token": fresh.json["refresh_token"]}).status_code == 401


def test_sign_out_revokes_every_refresh_token(client):
    pair = signed_up(client)
    other = client.post("/api/account/signin", json={"email": "vera@example.com",
                                                     "password": PASSWORD}).json
    assert client.post("/api/account/signout", headers=as_account(pair["account_id"])
                       ).status_code == 204
    for token in (pair["refresh_token"], other["refresh_token"]):
        assert client.post("/api/account/refresh", json={"refresh_token": token}
                           ).status_code == 401


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/account"), ("GET", "/api/account/orders"), ("POST", "/api/account/signout"),
    ("POST", "/api/account/password")])
def test_signed_in_routes_want_the_edges_verified_account(client, method, path):
    for headers in ({}, as_account("not-an-account-id")):
        answer = client.open(path, method=method, headers=headers, json={})
        assert answer.status_code == 401, (path, headers)
        assert answer.headers["WWW-Authenticate"] == "Bearer"


def test_the_profile_names_the_account_and_never_its_password(client):
    pair = signed_up(client)
    profile = client.get("/api/account", headers=as_account(pair["account_id"])).json
    assert profile == {"account_id": pair["account_id"], "email": "vera@example.com",
                       "created_at": profile["created_at"]}
    assert client.get("/api/account", headers=as_account("f" * 32)).status_code == 404


def test_orders_come_from_checkout_for_this_account(client, fake):
    pair = signed_up(client)
    page = {"orders": [], "next_page": None}
    path = f"/internal/accounts/{pair['account_id']}/orders?page=2"
    fake.on("checkout", "GET", path, page)
    answer = client.get("/api/account/orders?page=2", headers=as_account(pair["account_id"]))
    assert answer.status_code == 200 and answer.json == page
    assert client.get("/api/account/orders?page=0", headers=as_account(pair["account_id"])
                      ).status_code == 400


def test_a_password_change_checks_the_old_one_and_ends_every_session(client):
    pair = signed_up(client)
    me = as_account(pair["account_id"])
    wrong = client.post("/api/account/password", headers=me, json={
        "current_password": "not it at all", "new_password": "a brand new passphrase"})
    assert wrong.status_code == 401 and wrong.json["errors"][0]["field"] == "current_password"
    common = client.post("/api/account/password", headers=me, json={
        "current_password": PASSWORD, "new_password": "password1234"})
    assert common.status_code == 422 and common.json["errors"][0]["field"] == "new_password"
    assert client.post("/api/account/password", headers=me, json={
        "current_password": PASSWORD, "new_password": "a brand new passphrase"}).status_code == 204
    assert client.post("/api/account/refresh", json={"refresh_token": pair["refresh_token"]}
                       ).status_code == 401
    assert client.post("/api/account/signin", json={
        "email": "vera@example.com", "password": "a brand new passphrase"}).status_code == 200


def test_the_jwks_is_served_for_the_edge(client):
    keys = client.get("/.well-known/jwks.json").json["keys"]
    assert len(keys) == 1 and keys[0]["alg"] == "ES256" and "d" not in keys[0]


def test_a_password_is_never_logged_or_returned(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("accounts"))
    client.application.logger.addHandler(handler)
    answers = [client.post("/api/account/signup", json={"email": "vera@example.com",
                                                        "password": PASSWORD}),
               client.post("/api/account/signin", json={"email": "vera@example.com",
                                                        "password": PASSWORD}),
               client.post("/api/account/signin", json={"email": "vera@example.com",
                                                        "password": PASSWORD + "!"})]
    assert PASSWORD not in stream.getvalue()
    assert all(PASSWORD not in answer.get_data(as_text=True) for answer in answers)


def test_the_openapi_document_marks_the_signed_in_routes(client):
    document = client.get("/openapi.json").json
    scheme = document["components"]["securitySchemes"]["edge_account"]
    assert scheme == {**scheme, "type": "apiKey", "in": "header", "name": "X-Astroshop-Account"}
    assert document["paths"]["/api/account"]["get"]["security"] == [{"edge_account": []}]
    assert "security" not in document["paths"]["/api/account/signin"]["post"]
