"""Shoppers with an account: signing up and in on the public API, and the account pages of
the storefront in the browser."""
from __future__ import annotations

import requests

from harness.bdd.api import ApiShopper
from harness.bdd.browser import BrowserShopper

PASSWORD = "a clear night at the eyepiece"


def sign_up(shopper: ApiShopper, password: str = PASSWORD, email: str | None = None
            ) -> requests.Response:
    """POST the sign-up (the shopper's own address unless another is given)."""
    return shopper.send("POST", "/api/account/signup",
                        {"email": email or shopper.email, "password": password})


def sign_in(shopper: ApiShopper, password: str = PASSWORD) -> requests.Response:
    """POST the sign-in; on success the shopper carries the access token from then on."""
    answer = shopper.send("POST", "/api/account/signin",
                          {"email": shopper.email, "password": password})
    if answer.status_code == 200:
        shopper.token, shopper.refresh = answer.json()["access_token"], answer.json()[
            "refresh_token"]
    return answer


def order_history(shopper: ApiShopper) -> list[str]:
    """The ids of the shopper's orders, newest first; the history must be readable."""
    found = shopper.expect(shopper.send("GET", "/api/account/orders"), (200,),
                           "to see their order history")
    return [order["order_id"] for order in found["orders"]]


def sign_up_in_browser(storefront: BrowserShopper, email: str) -> None:
    """The sign-up form, filled in and sent; the sign-in page follows."""
    storefront.open("/signup")
    storefront.page.get_by_test_id("email").fill(email)
    storefront.page.get_by_test_id("password").fill(PASSWORD)
    storefront.go("#signup-submit")


def sign_in_in_browser(storefront: BrowserShopper, email: str) -> None:
    """The sign-in form (on the page already, or opened), filled in and sent."""
    if "/signin" not in storefront.page.url:
        storefront.open("/signin")
    storefront.page.get_by_test_id("email").fill(email)
    storefront.page.get_by_test_id("password").fill(PASSWORD)
    storefront.go("#signin-submit")


def my_orders(storefront: BrowserShopper) -> list[str]:
    """Open My orders from the header; the order ids listed, newest first."""
    storefront.go(storefront.page.get_by_test_id("my-orders-link"))
    rows = storefront.page.get_by_test_id("my-order")
    return [rows.nth(i).get_attribute("data-order-id") or "" for i in range(rows.count())]


def renew(shopper: ApiShopper) -> requests.Response:
    """POST the refresh token; on success the shopper holds the new pair."""
    answer = shopper.send("POST", "/api/account/refresh", {"refresh_token": shopper.refresh})
    if answer.status_code == 200:
        shopper.token, shopper.refresh = answer.json()["access_token"], answer.json()[
            "refresh_token"]
    return answer
