"""Account steps: signing up and in, tokens good and bad, the history; API and browser."""
from __future__ import annotations

import json
import uuid

import jwt
import pytest
from pytest_bdd import given, parsers, then, when

from harness.bdd import accounts, pages
from harness.bdd.api import ApiShopper
from harness.bdd.cards import named
from harness.bdd.checks import names_field
from harness.bdd.evidence import NoMeshAccess, account_requests, signing_key
from harness.bdd.seen import failure
from harness.signing import probe
from harness.signing.keyset import new_key


@pytest.fixture
def other(shop) -> ApiShopper:
    """Someone else using the same shop."""
    return ApiShopper.new(shop)


@pytest.fixture
def kept() -> dict:
    """What one step leaves for a later one (an old refresh token, a counter reading)."""
    return {}


@given("a shopper who has signed up", target_fixture="shopper")
def signed_up(shop):
    """A new shopper whose sign-up was taken."""
    shopper = ApiShopper.new(shop)
    shopper.expect(accounts.sign_up(shopper), (201,), "their account to be created")
    return shopper


@given("they sign in")
@when("they sign in")
def sign_in(shopper):
    """Sign in with the right password; the shopper holds the tokens."""
    shopper.expect(accounts.sign_in(shopper), (200,), "to be signed in")


@when(parsers.parse('they put {quantity:d} "{category}" item in the cart and check out signed '
                    'in with the {card} card'))
def buy_signed_in(shopper, quantity, category, card):
    """Fill the cart and place the order with the access token."""
    shopper.put(quantity, category)
    shopper.expect(shopper.checkout(named(card)), (201,), "their order to be placed")


@then("their order history lists that order first")
def history_first(shopper):
    """The order just placed heads the history."""
    history = accounts.order_history(shopper)
    assert history[:1] == [shopper.order()["order_id"]], history


@when("they sign out")
def sign_out(shopper):
    """POST the sign-out with the token."""
    shopper.expect(shopper.send("POST", "/api/account/signout", {}), (204,), "to be signed out")


@then("their refresh token no longer gives them a new one")
def refresh_revoked(shopper):
    """The refresh token kept from the sign-in is refused."""
    answer = shopper.send("POST", "/api/account/refresh", {"refresh_token": shopper.refresh})
    assert answer.status_code == 401, failure(answer, "their refresh token to be refused")


@when("they sign in with a wrong password")
def wrong_password(shopper):
    """The right address, a wrong password."""
    accounts.sign_in(shopper, password="not the right password at all")


@when("someone signs in with an address that has no account")
def unknown_address(other):
    """An address nobody signed up with."""
    accounts.sign_in(other, password="not the right password at all")


@then("both get the same refusal, which does not say which part was wrong")
def same_refusal(shopper, other):
    """Same status, same words, same fields."""
    mine, theirs = shopper.last, other.last
    assert mine.status_code == theirs.status_code == 401, (mine.text, theirs.text)
    assert mine.json()["detail"] == theirs.json()["detail"]
    assert mine.json()["errors"] == theirs.json()["errors"]


@when("they renew their tokens")
def renew(shopper, kept):
    """A new pair for the refresh token; the old one is kept aside."""
    kept["old"] = shopper.refresh
    shopper.expect(accounts.renew(shopper), (200,), "new tokens")


@when("the old refresh token is used again")
def replay(shopper, kept):
    """Someone replays the refresh token that was already used."""
    shopper.send("POST", "/api/account/refresh", {"refresh_token": kept["old"]})


@then("the renewed refresh token no longer works either")
def renewed_revoked(shopper):
    """The replay ended the whole session: the renewed token is revoked too."""
    answer = shopper.send("POST", "/api/account/refresh", {"refresh_token": shopper.refresh})
    assert answer.status_code == 401, failure(answer, "the renewed token to be revoked too")


@when(parsers.parse('someone signs up with the email "{email}" and the password "{password}"'))
def bad_sign_up(shopper, email, password):
    """A sign-up with the table's values."""
    accounts.sign_up(shopper, password=password.strip(), email=email.strip())


@then(parsers.parse('the shop refuses it, naming the field "{field}"'))
def refused_naming(shopper, field):
    """A 4xx whose errors point at the field."""
    assert 400 <= shopper.last.status_code < 500, failure(shopper.last, f"a refusal of {field}")
    names_field(shopper.last, field)


@then(parsers.parse('no account exists for "{email}"'))
def no_account(shopper, other, email):
    """Signing in with that address finds no account (nothing was stored)."""
    other.email = email.strip()
    answer = accounts.sign_in(other)
    assert answer.status_code in (401, 422), failure(answer, "no account to sign in to")


def tampered_body(token: str) -> str:
    """A token's payload with another subject, base64url-encoded (its signature no longer fits)."""
    claims = {**jwt.decode(token, options={"verify_signature": False}), "sub": "f" * 32}
    return jwt.utils.base64url_encode(json.dumps(claims).encode()).decode()


def defective(shopper, key, defect: str) -> str | None:
    """A token of the shopper's account with one defect (None: no token at all)."""
    account = jwt.decode(shopper.token, options={"verify_signature": False})["sub"]
    head, body, signature = probe.token(key, account).split(".")
    forged = tampered_body(probe.token(key, account))
    none = jwt.utils.base64url_encode(b'{"alg":"none","typ":"JWT"}').decode()
    return {"missing": None,
            "tampered with": ".".join([head, forged, signature]),
            "expired": probe.token(key, account, lifetime_s=-600, iat=0, nbf=0),
            "signed by another key": probe.token(
                new_key("active", 0).model_copy(update={"kid": key.kid}), account),
            "unsigned (alg none)": f"{none}.{body}.",
            "from another issuer": probe.token(key, account, iss="https://evil.example"),
            "for another audience": probe.token(key, account, aud="another-shop")}[defect]


@when(parsers.parse("they ask for their account with a token that is {defect}"))
def ask_with_defect(target, shopper, kept, defect):
    """GET /api/account with the defective token instead of theirs."""
    try:
        token = defective(shopper, signing_key(target), defect)
        kept["seen"] = account_requests(target, "/api/account")
    except NoMeshAccess as exc:
        pytest.skip(f"this check needs the local stack's keys and mesh: {exc}")
    shopper.token = None
    shopper.send("GET", "/api/account",
                 headers={"Authorization": f"Bearer {token}"} if token else {})


@then("the edge refuses it with 401")
def edge_refuses(shopper):
    """Envoy's own problem+json 401."""
    answer = shopper.last
    assert answer.status_code == 401, failure(answer, "a 401 from the edge")
    assert answer.headers["content-type"] == "application/problem+json", answer.headers
    assert answer.headers.get("www-authenticate", "").startswith("Bearer"), answer.headers


@then("the accounts service never saw the request")
def never_seen(target, kept):
    """Its own request counter for the route did not move."""
    assert account_requests(target, "/api/account") == kept["seen"]


@when("they sign up and sign in in the browser")
def browser_sign_up_and_in(storefront, kept):
    """The sign-up page, then the sign-in page it leads to; the account page follows."""
    kept["email"] = f"browser-{uuid.uuid4().hex[:12]}@example.com"
    accounts.sign_up_in_browser(storefront, kept["email"])
    accounts.sign_in_in_browser(storefront, kept["email"])
    shown = storefront.page.get_by_test_id("account-email")
    assert shown.count() and shown.inner_text() == kept["email"], storefront.seen()


@when(parsers.parse('they buy {quantity:d} of the first "{category}" product in the browser'))
def browser_buy(storefront, shop, kept, quantity, category):
    """Product page, cart, checkout form (noting what it had filled in), confirmation."""
    storefront.open(f"/product/{shop.products(category=category)[0]['id']}")
    pages.add_to_cart(storefront, quantity)
    storefront.open("/cart")
    storefront.go("#go-to-checkout")
    kept["prefilled"] = storefront.page.get_by_test_id("email").input_value()
    pages.fill_checkout(storefront, named("approved Visa"), kept["email"])
    storefront.go("#place-order")
    kept["order"] = storefront.page.get_by_test_id("order-id").inner_text().strip()


@then("the checkout form had their email filled in")
def prefilled(kept):
    """The signed-in shopper's address was in the form before they typed anything."""
    assert kept["prefilled"] == kept["email"], kept


@then("My orders lists that order first")
def my_orders_first(storefront, kept):
    """The header's My orders link; the order just placed heads the list."""
    listed = accounts.my_orders(storefront)
    assert listed[:1] == [kept["order"]], f"My orders lists {listed}: {storefront.seen()}"


@when("they sign out in the browser")
def browser_sign_out(storefront):
    """The header's Sign out button."""
    storefront.go("#signout")


@when("someone tampers with their token cookie")
def tamper_cookie(storefront):
    """The access cookie's payload changed to name another account, its signature kept."""
    context = storefront.page.context
    cookie = next(c for c in context.cookies() if c["name"] == "astroshop_access")
    head, _, signature = cookie["value"].split(".")
    context.add_cookies([{**cookie, "value": ".".join(
        [head, tampered_body(cookie["value"]), signature])}])


@then("My orders asks them to sign in")
def asked_to_sign_in(storefront):
    """The edge's own sign-in page (401), not the orders."""
    storefront.open("/account/orders", ok=(401,))
    assert storefront.page.get_by_test_id("signin-required").is_visible(), storefront.seen()
