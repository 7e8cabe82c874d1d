"""Unit tests of the storefront's account pages: sign-up, sign-in (and its refresh), sign-out,
the account and My orders pages, checkout for a signed-in shopper; accounts faked."""
from __future__ import annotations

import pytest

import shop.frontend
from shop.common.client import UpstreamError
from tests.unit.shop.frontend_fakes import CART_ID, ORDER, storefront

SERVICE = shop.frontend  # the service conftest's `app` fixture builds
ACCOUNT = "0123456789abcdef0123456789abcdef"
ME = {"X-Astroshop-Account": ACCOUNT}  # what Envoy adds once the access cookie checked out
PAIR = {"access_token": "aaa.bbb.ccc", "refresh_token": "R" * 43, "token_type": "Bearer",
        "expires_in": 900}
PROFILE = {"account_id": ACCOUNT, "email": "vera@example.com",
           "created_at": "2026-11-02T21:00:00+00:00"}


@pytest.fixture
def settings(settings):
    return {**settings, "WTF_CSRF_ENABLED": False}


def refuse(status: int, detail: str, errors: list[dict]):
    """A fake answer: the accounts service refusing with a problem."""
    def answer(body, headers):
        raise UpstreamError("accounts", status, {"detail": detail, "errors": errors})
    return answer


@pytest.fixture
def answers(fake):
    storefront(fake)
    fake.on("accounts", "POST", "/api/account/signup", {"email": "vera@example.com",
                                                         "created_at": PROFILE["created_at"]})
    fake.on("accounts", "POST", "/api/account/signin", PAIR)
    fake.on("accounts", "POST", "/api/account/refresh", PAIR)
    fake.on("accounts", "POST", "/api/account/signout", {})
    fake.on("accounts", "GET", "/api/account", PROFILE)
    fake.on("accounts", "GET", "/api/account/orders?page=1", {"orders": [ORDER],
                                                              "next_page": 2})
    return fake


@pytest.fixture
def shopper(client):
    with client.session_transaction() as session:
        session["cart_id"] = CART_ID
    return client


def cookies(response) -> dict[str, str]:
    """Set-Cookie headers of a response, by cookie name."""
    return {header.split("=")[0]: header for header in response.headers.getlist("Set-Cookie")}


def test_sign_up_then_sign_in_whether_or_not_the_address_was_new(shopper, fake):
    answer = shopper.post("/signup", data={"email": "vera@example.com",
                                           "password": "a quiet night under dark skies"})
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/signin")
    assert "astroshop_access" not in cookies(answer)
    assert 'value="vera@example.com"' in shopper.get("/signin").get_data(as_text=True)


def test_a_refused_sign_up_names_the_field(shopper, fake):
    fake.on("accounts", "POST", "/api/account/signup", refuse(
        422, "the password is not accepted",
        [{"field": "password", "reason": "is one of the most common passwords"}]))
    answer = shopper.post("/signup", data={"email": "v@example.com", "password": "password1234"})
    assert answer.status_code == 422
    assert 'data-testid="error-password">is one of the most common' in answer.get_data(as_text=True)


def test_sign_in_keeps_both_tokens_in_strict_cookies_and_goes_where_asked(shopper, fake):
    answer = shopper.post("/signin", data={"email": "vera@example.com", "password": "secret",
                                           "next": "/account/orders"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/account/orders"
    jar = cookies(answer)
    assert "astroshop_access=aaa.bbb.ccc" in jar["astroshop_access"]
    for cookie in (jar["astroshop_access"], jar["astroshop_refresh"]):
        assert all(flag in cookie for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"))
    elsewhere = shopper.post("/signin", data={"email": "v@example.com", "password": "x",
                                              "next": "//evil.example/"})
    assert elsewhere.headers["Location"] == "/account"


def test_a_wrong_password_is_said_on_the_form(shopper, fake):
    fake.on("accounts", "POST", "/api/account/signin", refuse(
        401, "the email address and password do not match an account",
        [{"field": "password", "reason": "does not match"}]))
    answer = shopper.post("/signin", data={"email": "vera@example.com", "password": "nope"})
    assert answer.status_code == 401
    assert "do not match an account" in answer.get_data(as_text=True)
    assert "astroshop_access" not in cookies(answer)


def test_the_sign_in_page_renews_the_tokens_while_the_refresh_cookie_holds(shopper, fake):
    shopper.set_cookie("astroshop_refresh", "R" * 43)
    answer = shopper.get("/signin?next=/account/orders")
    assert answer.status_code == 303 and answer.headers["Location"] == "/account/orders"
    assert fake.to("accounts", "POST")[-1].body == {"refresh_token": "R" * 43}
    assert "astroshop_access" in cookies(answer)


def test_sign_out_revokes_the_refresh_tokens_and_drops_the_cookies(shopper, fake):
    answer = shopper.post("/signout", headers=ME)
    assert answer.status_code == 303
    assert fake.to("accounts", "POST")[-1].headers == ME
    gone = [c for name, c in cookies(answer).items() if name.startswith("astroshop_")]
    assert len(gone) == 2 and all("Expires=Thu, 01 Jan 1970" in c for c in gone)
    signed_out = shopper.post("/signout")
    assert signed_out.status_code == 303 and len(fake.to("accounts", "POST")) == 1


@pytest.mark.parametrize("path", ["/account", "/account/orders"])
def test_account_pages_want_the_edges_verified_account(shopper, path):
    assert shopper.get(path).status_code == 401
    assert shopper.get(path, headers=ME).status_code == 200


def test_my_orders_lists_the_accounts_orders(shopper):
    page = shopper.get("/account/orders", headers=ME).get_data(as_text=True)
    assert f'data-order-id="{ORDER["order_id"]}"' in page and 'data-testid="older-orders"' in page


def test_a_signed_in_checkout_is_prefilled_and_linked_to_the_account(shopper, fake):
    assert 'value="vera@example.com"' in shopper.get("/checkout", headers=ME).get_data(
        as_text=True)
    form = {"email": "vera@example.com", "street": "1 Observatory Way", "city": "Flagstaff",
            "state": "AZ", "zip": "86001", "country": "US", "card_number": "4242424242424242",
            "exp_month": "12", "exp_year": "2039", "cvv": "123", "idempotency_key": "key-1"}
    assert shopper.post("/checkout", data=form, headers=ME).status_code == 303
    assert fake.to("checkout", "POST")[-1].headers["X-Astroshop-Account"] == ACCOUNT
    shopper.post("/checkout", data={**form, "idempotency_key": "key-2"})
    assert "X-Astroshop-Account" not in fake.to("checkout", "POST")[-1].headers


def test_the_navigation_offers_what_fits(shopper):
    anonymous = shopper.get("/").get_data(as_text=True)
    signed_in = shopper.get("/", headers=ME).get_data(as_text=True)
    assert 'data-testid="signin-link"' in anonymous and 'data-testid="signout"' not in anonymous
    assert 'data-testid="my-orders-link"' in signed_in and 'data-testid="signout"' in signed_in


def test_every_account_form_wants_a_csrf_token(settings, answers):
    app = shop.frontend.create_app({**settings, "WTF_CSRF_ENABLED": True})
    answers.install(app)
    client = app.test_client()
    for path in ("/signup", "/signin", "/signout", "/account/password"):
        assert client.post(path, data={}, headers=ME).status_code == 400, path
