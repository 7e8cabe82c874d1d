"""Sign-up, sign-in, token refresh and sign-out: what each checks, records and answers.

Nothing here tells whether an address has an account: sign-up answers the same for a taken
address (and hashes the password all the same), sign-in verifies against a decoy hash for an
unknown one, and failures lock any address alike.
"""
from __future__ import annotations

from flask import current_app

from shop.accounts import passwords
from shop.accounts.parts import TooManyFailures, WrongCredentials, now, parts
from shop.accounts.sessions import RefreshRefused
from shop.accounts.store import timestamp
from shop.common.business import ACCOUNT_EVENTS
from shop.common.errors import ApiError, Unprocessable
from shop.common.flags import InjectedFault, flags
from shop.common.logs import event
from shop.contracts.accounts import RefreshIn, SignInIn, SignUpIn, SignUpOut, TokenPair


def refuse_password(problem: str, field: str) -> Unprocessable:
    """A new password the policy refuses, naming the field."""
    return Unprocessable("the password is not accepted", [{"field": field, "reason": problem}])


def sign_up(body: SignUpIn) -> SignUpOut:
    """Create the account; a taken address changes nothing and gets the same answer."""
    email, at = body.email.lower(), now()
    problem = passwords.policy_problem(body.password, email)
    if problem:
        ACCOUNT_EVENTS.labels("signup", "refused").inc()
        raise refuse_password(problem, "password")
    created = parts().store.create(email, passwords.hash_password(body.password), at)
    ACCOUNT_EVENTS.labels("signup", "created" if created else "existing").inc()
    if created:
        event(current_app, "account created", account_id=created.account_id)
    return SignUpOut(email=email, created_at=created.created_at if created else timestamp(at))


def sign_in(body: SignInIn) -> TokenPair:
    """Tokens for the right address and password; 401 otherwise, 429 while locked."""
    if flags().chance("accountsFailure"):
        raise InjectedFault("accountsFailure", "sign-in failed")
    email, at, own = body.email.lower(), now(), parts()
    wait = own.lockout.locked_for(email, at)
    if wait:
        ACCOUNT_EVENTS.labels("signin", "locked").inc()
        raise TooManyFailures(wait)
    account = own.store.by_email(email)
    stored = account.password_hash if account else passwords.decoy_hash()
    if not passwords.verify(stored, body.password) or account is None:
        own.lockout.failed(email, at)
        ACCOUNT_EVENTS.labels("signin", "wrong_credentials").inc()
        raise WrongCredentials()
    own.lockout.succeeded(email)
    if passwords.needs_rehash(account.password_hash):
        own.store.set_password(account.account_id, passwords.hash_password(body.password), at)
    ACCOUNT_EVENTS.labels("signin", "success").inc()
    return own.pair(account.account_id, own.sessions.issue(account.account_id, at), at)


def refresh(body: RefreshIn) -> TokenPair:
    """A new pair for a refresh token used once; a reused one revokes its whole family."""
    at, own = now(), parts()
    try:
        rotated = own.sessions.rotate(body.refresh_token, at)
    except RefreshRefused as exc:
        ACCOUNT_EVENTS.labels("refresh", exc.reason).inc()
        if exc.reason == "reused":
            current_app.logger.warning("refresh token reused: its family is revoked")
        raise ApiError("the refresh token is not valid (expired, revoked or already used); "
                       "sign in again", [{"field": "refresh_token", "reason": "not valid"}],
                       status=401) from exc
    ACCOUNT_EVENTS.labels("refresh", "rotated").inc()
    return own.pair(rotated.account_id, rotated.token, at)


def sign_out(account_id: str) -> None:
    """Revoke every refresh token of the account (its access tokens expire on their own)."""
    revoked = parts().sessions.revoke_account(account_id, now())
    ACCOUNT_EVENTS.labels("signout", "done").inc()
    event(current_app, "signed out", account_id=account_id, revoked=revoked)
