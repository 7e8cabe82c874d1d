"""Signed-in API shoppers: a share of the API clients has an account, signs in once, buys with
its access token and reads its order history, so the gate judges the signed-in path too.

A member signs up and in at its start (two argon2id hashes on the accounts service), renews
its tokens with the refresh token when the edge answers 401 (an access token lives 15
minutes; a soak outlives it), and stays anonymous when the edge's per-client limit on sign-up
and sign-in answers 429 (every Locust user shares the loopback address).
"""
from __future__ import annotations

import random
import uuid
from typing import Any, Callable

MEMBER_SHARE = 0.25  # of the API shoppers
PASSWORD = "a clear night over the observatory"
LIMITED = 429  # the edge's per-client limit on sign-up and sign-in: not the shop's failure
Response = Any  # Locust's FastResponse: status_code and json()
Call = Callable[..., Response]


class Membership:
    """One API shopper's account and tokens (none when it shops anonymously)."""

    def __init__(self, call: Call):
        """Sign up and in with the share's chance; anonymous otherwise or when refused."""
        self.call, self.access, self.refresh = call, "", ""
        if random.random() < MEMBER_SHARE:
            self.join()

    def join(self) -> None:
        """A new account, then the first sign-in."""
        email = f"member-{uuid.uuid4().hex[:16]}@example.com"
        body = {"email": email, "password": PASSWORD}
        created = self.call("POST", "/api/account/signup", "/api/account/signup",
                            expect=(201, LIMITED), json=body)
        if created.status_code == 201:
            self.keep(self.call("POST", "/api/account/signin", "/api/account/signin",
                                expect=(200, LIMITED), json=body))

    def keep(self, answer: Response) -> None:
        """Hold the token pair of a 200 sign-in or renewal."""
        if answer.status_code == 200:
            tokens = answer.json()
            self.access, self.refresh = tokens["access_token"], tokens["refresh_token"]

    @property
    def signed_in(self) -> bool:
        return bool(self.access)

    def headers(self) -> dict[str, str]:
        """The Authorization header of a member, nothing for an anonymous shopper."""
        return {"Authorization": f"Bearer {self.access}"} if self.access else {}

    def renew(self) -> None:
        """A new pair for the refresh token (after the access token expired)."""
        self.access = ""
        self.keep(self.call("POST", "/api/account/refresh", "/api/account/refresh",
                            expect=(200, LIMITED), json={"refresh_token": self.refresh}))

    def history(self) -> None:
        """The first page of the member's orders; renewed once when the token has expired."""
        if not self.signed_in:
            return
        answer = self.call("GET", "/api/account/orders", "/api/account/orders",
                           expect=(200, 401), headers=self.headers())
        if answer.status_code == 401:
            self.renew()
            if self.signed_in:
                self.call("GET", "/api/account/orders", "/api/account/orders",
                          headers=self.headers())
