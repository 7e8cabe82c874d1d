"""The signed-in shopper's own things: the profile, the order history (read from checkout
through the mesh, which owns the orders and records who placed each), a new password."""
from __future__ import annotations

from flask import current_app
from pydantic import ValidationError

from shop.accounts import passwords
from shop.accounts.flow import refuse_password
from shop.accounts.parts import TooManyFailures, WrongCredentials, now, parts, unknown_account
from shop.accounts.store import Account
from shop.common.app import client
from shop.common.business import ACCOUNT_EVENTS
from shop.common.errors import DependencyError
from shop.common.logs import event
from shop.contracts.accounts import PasswordChangeIn, Profile
from shop.contracts.checkout import ACCOUNT_ORDERS, OrderPage


def account_of(account_id: str) -> Account:
    """The stored account of a verified subject, or 404."""
    account = parts().store.by_id(account_id)
    if account is None:
        raise unknown_account()
    return account


def profile(account_id: str) -> Profile:
    """The account's id, address and creation time (never its password or hash)."""
    account = account_of(account_id)
    return Profile(account_id=account.account_id, email=account.email,
                   created_at=account.created_at)


def orders(account_id: str, page: int) -> OrderPage:
    """One page of the account's orders, newest first, as checkout recorded them."""
    account_of(account_id)
    answer = client().call(ACCOUNT_ORDERS, query={"page": str(page)}, account_id=account_id)
    try:
        return OrderPage.model_validate(answer)
    except ValidationError as exc:
        raise DependencyError("checkout", "unexpected answer to the account's orders") from exc


def change_password(account_id: str, body: PasswordChangeIn) -> None:
    """Check the current password, set the new one, revoke every refresh token."""
    account, at, own = account_of(account_id), now(), parts()
    wait = own.lockout.locked_for(account.email, at)
    if wait:
        raise TooManyFailures(wait)
    if not passwords.verify(account.password_hash, body.current_password):
        own.lockout.failed(account.email, at)
        ACCOUNT_EVENTS.labels("password", "wrong_credentials").inc()
        raise WrongCredentials("current_password")
    problem = passwords.policy_problem(body.new_password, account.email)
    if problem:
        raise refuse_password(problem, "new_password")
    own.store.set_password(account_id, passwords.hash_password(body.new_password), at)
    revoked = own.sessions.revoke_account(account_id, at)
    ACCOUNT_EVENTS.labels("password", "changed").inc()
    event(current_app, "password changed", account_id=account_id, revoked=revoked)
