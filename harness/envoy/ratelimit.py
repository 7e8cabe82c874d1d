"""The checkout's rate limit at the edge: Envoy's local rate limit with one token bucket per
client address, so one client's burst never starves another."""
from __future__ import annotations

from harness.envoy.filters import header, percent, typed
from harness.model.topology import Topology

CLIENT_DESCRIPTOR = "remote_address"  # the key Envoy's remote_address action fills
CLIENT_BUCKETS = 10000  # clients with a bucket of their own at once (least recently used go)


def rate_limit(topology: Topology) -> dict:
    """A token bucket per client address (Envoy's trusted remote address: the peer, since the
    edge trusts no X-Forwarded-For hop): burst tokens, refilled at the checkout rate every
    second. One client's burst empties its own bucket only; the LRU keeps CLIENT_BUCKETS."""
    bucket = {"max_tokens": topology.checkout_burst,
              "tokens_per_fill": topology.checkout_rate_per_s, "fill_interval": "1s"}
    return typed(
        "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
        stat_prefix="checkout_rate_limit",
        token_bucket=bucket,
        descriptors=[{"entries": [{"key": CLIENT_DESCRIPTOR, "value": ""}],
                      "token_bucket": bucket}],
        rate_limits=[{"actions": [{"remote_address": {}}]}],
        max_dynamic_descriptors=CLIENT_BUCKETS,
        always_consume_default_token_bucket=False,
        filter_enabled={"runtime_key": "rate_limit.checkout.enabled", "default_value": percent(100)},
        filter_enforced={"runtime_key": "rate_limit.checkout.enforced",
                         "default_value": percent(100)},
        response_headers_to_add=[header("retry-after", "1")],
    )


def per_client_rate_limit(topology: Topology) -> dict:
    """A token bucket per client address for sign-up and sign-in: a burst, refilled every
    second; the route's `rate_limits` (`by_client`) name the client's address."""
    bucket = {"max_tokens": topology.signin_burst, "tokens_per_fill": topology.signin_rate_per_s,
              "fill_interval": "1s"}
    return typed(
        "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
        stat_prefix="per_client_rate_limit", token_bucket=bucket,
        descriptors=[{"entries": [{"key": CLIENT_DESCRIPTOR}], "token_bucket": bucket}],
        always_consume_default_token_bucket=False, max_dynamic_descriptors=CLIENT_BUCKETS,
        filter_enabled={"runtime_key": "rate_limit.per_client.enabled",
                        "default_value": percent(100)},
        filter_enforced={"runtime_key": "rate_limit.per_client.enforced",
                         "default_value": percent(100)},
        response_headers_to_add=[header("retry-after", "1")],
    )


def by_client() -> list[dict]:
    """A route's rate limit actions: the descriptor is the client's address."""
    return [{"actions": [{"remote_address": {}}]}]
