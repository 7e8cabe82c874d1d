"""The judgements steps share, each failing with what the shopper saw instead."""
from __future__ import annotations

import re

import pytest
import requests

from harness.bdd.api import ApiShopper
from harness.bdd.evidence import NoMeshAccess, charges_for
from harness.bdd.seen import api_reason, describe, failure
from harness.target import Target


def mentions(product: dict, words: str) -> bool:
    """Whether a product's name, description or categories contain the words."""
    text = " ".join([product["name"], product["description"], *product["categories"]])
    return words.casefold() in text.casefold().replace("-", " ")


def problem_text(response: requests.Response) -> str:
    """The refusal's detail and field reasons, or its raw text."""
    try:
        return api_reason(response.json())
    except ValueError:
        return response.text


def refused(response: requests.Response, reason: str) -> None:
    """A clear refusal (4xx, never 5xx) whose words include `reason`."""
    if not 400 <= response.status_code < 500:
        raise failure(response, f'a refusal saying "{reason}"')
    if reason.casefold() not in problem_text(response).casefold():
        raise failure(response, f'the refusal to say "{reason}"')


def names_field(response: requests.Response, field: str) -> None:
    """The refusal points at `field` (or a field inside it)."""
    try:
        fields = [str(e.get("field", "")) for e in response.json().get("errors", [])]
    except (ValueError, AttributeError):
        fields = []
    if not any(field in name for name in fields):
        raise failure(response, f'the refusal to name the "{field}" field (it named {fields})')


STATUS_WORDS = {"ok": 200, "created": 201, "not found": 404, "method not allowed": 405,
                "payload too large": 413, "unsupported media type": 415,
                "too many requests": 429, "service unavailable": 503}


def answered_as(response: requests.Response, words: str) -> None:
    """The answer's status is the one these words name ("not found", "ok", ...)."""
    status = STATUS_WORDS.get(words.casefold())
    if status is None:
        raise KeyError(f"no status called {words!r}; known: {', '.join(STATUS_WORDS)}")
    answered(response, status, f'the answer "{words}" ({status})')


def answered(response: requests.Response, status: int, what: str) -> None:
    """The answer has exactly `status`."""
    if response.status_code != status:
        raise failure(response, what)


def unavailable(response: requests.Response, part: str) -> None:
    """A 503 naming `part` as the unavailable service ("payment is unavailable: ...", or the
    edge's "the cart service is unavailable: ..."): the honest answer while it is down."""
    if response.status_code != 503:
        raise failure(response, f"to be told that the {part} is unavailable (503)")
    if not re.search(rf"\b{re.escape(part)}( service)? is unavailable", problem_text(response)):
        raise failure(response, f'the 503 to say that "{part}" is unavailable')


def order_adds_up(order: dict) -> None:
    """Every amount is in the order's currency and the total is lines plus shipping."""
    amounts = [order["shipping"], order["total"]]
    for item in order["items"]:
        amounts += [item["unit_price"], item["line_total"]]
        if item["line_total"]["amount_minor"] != item["unit_price"]["amount_minor"] * item[
                "quantity"]:
            raise AssertionError(f"line {item['product_id']} does not add up: {item}")
    currencies = {a["currency"] for a in amounts}
    if currencies != {order["currency"]}:
        raise AssertionError(f"an order in {order['currency']} shows amounts in {currencies}")
    lines = sum(item["line_total"]["amount_minor"] for item in order["items"])
    if order["total"]["amount_minor"] != lines + order["shipping"]["amount_minor"]:
        raise AssertionError(f"total {order['total']} is not lines {lines} + shipping "
                             f"{order['shipping']}")


def times_charged(target: Target, shopper: ApiShopper) -> tuple[int, str]:
    """How many charges the shopper's checkouts made, counted by the payment service itself.
    Without the mesh nothing can count them (the orders the shopper saw are the step before,
    not evidence of charges): the scenario is skipped, saying so, rather than passed."""
    try:
        count = sum(len(charges_for(target, key)) for key in dict.fromkeys(shopper.keys))
    except NoMeshAccess as exc:
        pytest.skip(f"charges not counted: the payment service's charges are seen only through "
                    f"the mesh ({exc}; give --shop-mesh-url)")
    return count, "the payment service's charges for their retry keys"


def charged(target: Target, shopper: ApiShopper, expected: int) -> None:
    """The shopper's card was charged exactly `expected` times."""
    count, evidence = times_charged(target, shopper)
    if count != expected:
        last = describe(shopper.last) if shopper.answers else "nothing"
        raise AssertionError(f"expected {expected} charge(s) but found {count} in {evidence}; "
                             f"the shopper last saw {last}")
