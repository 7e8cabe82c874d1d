"""Edge steps: raw requests at the public address, its refusals and its rate limit."""
from __future__ import annotations

import uuid

from pytest_bdd import parsers, then, when

from harness.bdd.seen import failure
from harness.polling import poll_until

INTERNALS = ("astroshop_http_requests_total", "# HELP", "Traceback", "envoy_cluster",
             "version_info", "gunicorn")
JSON = {"Content-Type": "application/json"}


def post(visitor, path: str, data: bytes, headers: dict):
    """A raw POST to the public address."""
    return visitor.session.post(visitor.base_url + path, data=data, headers=headers,
                                timeout=visitor.timeout)


@then("the answer shows none of the shop's internals")
def no_internals(answer):
    """No metrics, stack traces or proxy internals in the body."""
    leaked = [word for word in INTERNALS if word in answer.text]
    if leaked:
        raise failure(answer, f"no internals, not {leaked}")


@when(parsers.parse('a visitor deletes "{path}"'), target_fixture="answer")
def delete(visitor, path):
    """A DELETE where it is not allowed."""
    return visitor.session.delete(visitor.base_url + path, timeout=visitor.timeout)


@then(parsers.parse('the answer says which methods are allowed, including "{method}"'))
def allow_header(answer, method):
    """An Allow header naming the method."""
    if method not in answer.headers.get("Allow", ""):
        raise failure(answer, f"an Allow header including {method}")


@when("a visitor adds to a cart with a form instead of JSON", target_fixture="answer")
def form_post(visitor):
    """An API write with a form body."""
    return post(visitor, f"/api/carts/{uuid.uuid4().hex}/items", b"product_id=x&quantity=1",
                {"Content-Type": "application/x-www-form-urlencoded"})


@when(parsers.parse("a visitor adds to a cart with a {size:d} KiB body"), target_fixture="answer")
def big_post(visitor, size):
    """An API write far over the size limit."""
    body = b"{" + b" " * size * 1024 + b"}"
    return post(visitor, f"/api/carts/{uuid.uuid4().hex}/items", body, JSON)


@then("the answer carries a request id")
def request_id(answer):
    """An x-request-id header for support to trace the request by."""
    if len(answer.headers.get("x-request-id", "")) < 16:
        raise failure(answer, "an x-request-id header")


@when(parsers.parse("a visitor sends checkouts as fast as they can, at most {limit:d}"),
      target_fixture="answer")
def flood(visitor, limit):
    """Empty checkouts until one is throttled; afterwards, wait for the limit to recover."""
    answer = None
    for _ in range(limit):
        answer = post(visitor, "/api/checkout", b"{}", JSON)
        if answer.status_code == 429:
            break
    yield answer
    poll_until(lambda: post(visitor, "/api/checkout", b"{}", JSON).status_code != 429, 15,
               "checkouts getting through again after the flood")


@then("some are asked to slow down and told when to retry")
def throttled(answer):
    """A 429 with a Retry-After of at least a second."""
    if answer.status_code != 429 or int(answer.headers.get("Retry-After", "0")) < 1:
        raise failure(answer, "429 Too Many Requests with a Retry-After")


@when(parsers.parse("they send {method} {path} with {body}"))
def send_raw(shopper, method, path, body):
    """A raw request whose `{cart}` placeholders name the shopper's cart."""
    path, body = (text.replace("{cart}", shopper.cart_id) for text in (path, body))
    shopper.send(method, path, data=body.encode(),
                 headers={**JSON, "Idempotency-Key": uuid.uuid4().hex})
