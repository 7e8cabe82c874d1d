"""The shopper's session: a cart id made on the first visit, the currency, the last address."""
from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

from flask import request, session

DEFAULT_CURRENCY = "USD"
# A same-site path: one slash, then printable ASCII without spaces or backslashes. Browsers
# drop tabs and newlines and read a backslash as a slash: "/<TAB>/evil.example" leaves the site.
SAME_SITE_PATH = re.compile(r"/(?![/\\])[!-\[\]-~]*")
# Used for a shipping estimate until the shopper has given an address at checkout.
ESTIMATE_ADDRESS = {"street": "1600 Amphitheatre Parkway", "city": "Mountain View",
                    "state": "CA", "zip": "94043", "country": "US"}


def ensure_cart() -> None:
    """Give a new shopper a cart id (uuid4 hex) in the signed session cookie."""
    if "cart_id" not in session:
        session["cart_id"] = uuid.uuid4().hex
        session.permanent = True


def cart_id() -> str:
    """This shopper's cart id."""
    ensure_cart()
    return session["cart_id"]


def currency(supported: dict[str, dict] | None = None) -> str:
    """The chosen currency, or USD when none was chosen or it is no longer supported."""
    code = session.get("currency", DEFAULT_CURRENCY)
    if supported is not None and code not in supported:
        return DEFAULT_CURRENCY
    return code


def choose_currency(code: str) -> None:
    """Remember the shopper's currency."""
    session["currency"] = code


def address() -> tuple[dict, bool]:
    """The address to quote shipping for, and whether it is only an estimate."""
    known = session.get("address")
    return (known, False) if known else (dict(ESTIMATE_ADDRESS), True)


def remember_address(value: dict) -> None:
    """Keep the shipping address (never the card) for the next quotes."""
    session["address"] = value


def same_site(target: str) -> bool:
    """Whether `target` is a path of this site that no browser can read as another host."""
    parts = urlsplit(target)
    return bool(SAME_SITE_PATH.fullmatch(target)) and not (parts.scheme or parts.netloc)


def back_to(default: str = "/") -> str:
    """The same-site path named by the form's `next` field, or `default`."""
    target = request.form.get("next", "")
    return target if same_site(target) else default
