"""Signed-in API shoppers: every second API client has an account; each of its visits signs
in once, buys with the access token, reads the order history and signs out, so the gate
judges the signed-in path too (the smoke load's few users make enough sign-ins for the
signin-success objective's verdict).

A member signs up at its start; a token the edge finds expired is renewed with the refresh
token. When the edge's per-client limit on sign-up and sign-in answers 429 (every Locust user
shares the loopback address), the member shops anonymously until its next visit.
"""
from __future__ import annotations

import itertools
import uuid
from typing import Any, Callable

MEMBER_EVERY = 2  # every second API shopper has an account
ARRIVALS = itertools.count()
PASSWORD = "a clear night over the observatory"
LIMITED = 429  # the edge's per-client limit on sign-up and sign-in: not the shop's failure
Response = Any  # Locust's FastResponse: status_code and json()
Call = Callable[..., Response]


class Membership:
    """One API shopper's account and tokens (none when it shops anonymously)."""

    def __init__(self, call: Call, member: bool | None = None):
        """An account for every MEMBER_EVERY-th shopper (or as told); none when refused."""
        self.call, self.access, self.refresh, self.email = call, "", "", ""
        chosen = next(ARRIVALS) % MEMBER_EVERY == 0 if member is None else member
        if chosen:
            self.join()

    def join(self) -> None:
        """A new account (signed in at each visit's checkout)."""
        email = f"member-{uuid.uuid4().hex[:16]}@example.com"
        created = self.call("POST", "/api/account/signup", "/api/account/signup",
                            expect=(201, LIMITED), json={"email": email, "password": PASSWORD})
        self.email = email if created.status_code == 201 else ""

    def sign_in(self) -> None:
        """A member's visit begins: sign in, unless already signed in."""
        if self.email and not self.access:
            self.keep(self.call("POST", "/api/account/signin", "/api/account/signin",
                                expect=(200, LIMITED),
                                json={"email": self.email, "password": PASSWORD}))

    def keep(self, answer: Response) -> None:
        """Hold the token pair of a 200 sign-in or renewal."""
        if answer.status_code == 200:
            tokens = answer.json()
            self.access, self.refresh = tokens["access_token"], tokens["refresh_token"]

    @property
    def signed_in(self) -> bool:
        """Whether the member holds an access token (its visit is on)."""
        return bool(self.access)

    def headers(self) -> dict[str, str]:
        """The Authorization header of a member, nothing for an anonymous shopper."""
        return {"Authorization": f"Bearer {self.access}"} if self.access else {}

    def renew(self) -> None:
        """A new pair for the refresh token (after the access token expired)."""
        self.access = ""
        self.keep(self.call("POST", "/api/account/refresh", "/api/account/refresh",
                            expect=(200, LIMITED), json={"refresh_token": self.refresh}))

    def end_visit(self) -> None:
        """After an order: the history, then sign out (the next visit signs in again)."""
        if self.signed_in:
            self.history()
            self.call("POST", "/api/account/signout", "/api/account/signout",
                      expect=(204, 401), headers=self.headers(), json={})
            self.access = self.refresh = ""

    def history(self) -> None:
        """The first page of the member's orders; renewed once when the token has expired."""
        answer = self.call("GET", "/api/account/orders", "/api/account/orders",
                           expect=(200, 401), headers=self.headers())
        if answer.status_code == 401:
            self.renew()
            if self.signed_in:
                self.call("GET", "/api/account/orders", "/api/account/orders",
                          headers=self.headers())
