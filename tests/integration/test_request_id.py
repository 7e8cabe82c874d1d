"""One request id, assigned at the edge, in the JSON logs of every hop of a checkout."""
from __future__ import annotations

import json
import uuid

from harness.polling import poll_until
from harness.shopclient import TEST_ADDRESS, TEST_CARD


def log_entries(stack, process: str) -> list[dict]:
    """The JSON lines of one process's log (non-JSON lines, such as tracebacks, skipped)."""
    entries = []
    for line in stack.paths.log_of(process).read_text().splitlines():
        if line.startswith("{"):
            entries.append(json.loads(line))
    return entries


def test_checkout_request_id_is_logged_by_every_service_it_touches(shop, stack):
    cart_id = uuid.uuid4().hex
    product = shop.products()[0]["id"]
    shop.add_to_cart(cart_id, product, 1)
    response = shop.session.post(
        shop.base_url + "/api/checkout", timeout=15,
        json={"cart_id": cart_id, "currency": "USD", "email": "hops@example.com",
              "address": TEST_ADDRESS, "card": TEST_CARD},
        headers={"Idempotency-Key": uuid.uuid4().hex, "x-request-id": "forged-by-client"})
    assert response.status_code == 201, response.text
    request_id = response.headers["x-request-id"]
    assert request_id != "forged-by-client", "the edge must assign its own request id"

    def logged_everywhere() -> bool:
        services = {e["service"] for p in ("checkout-0", "cart-0", "payment-0", "shipping-0",
                                           "currency-0", "email-0")
                    for e in log_entries(stack, p) if e.get("request_id") == request_id}
        return services >= {"checkout", "cart", "payment", "shipping", "currency", "email"}

    poll_until(logged_everywhere, 10, f"request id {request_id} in every service's log")

    def envoy_listeners() -> set[str]:
        return {e["listener"] for e in log_entries(stack, "envoy")
                if e.get("request_id") == request_id}

    # Envoy flushes its access log every few seconds.
    # the edge, then checkout's own mesh listener for every call checkout makes
    poll_until(lambda: envoy_listeners() == {"public_https", "mesh_checkout"}, 20,
               f"request id {request_id} in Envoy's access log of the HTTPS edge and "
               "checkout's mesh listener")
