"""The public listeners' HTTP filter chain: rate limit, size limit, HSTS (HTTPS only), brotli
and gzip, the client's account header removed, the JWT filter (its requirement per route), the
response cache (enabled per route), router.

The cache sits next to the router, as Envoy's docs ask, so hits still pass the compressors
and the HSTS filter on their way out; it stores what the service sent, uncompressed, and
honours its Cache-Control: a `private` or `no-store` answer is never stored.
"""
from __future__ import annotations

import re

from harness.envoy.auth import jwt_filter, strip_identity
from harness.envoy.filters import RATE_LIMIT_FILTER, http_filter, typed
from harness.model.edge import MAX_REQUEST_BYTES
from harness.model.topology import Topology

CACHE_FILTER = "envoy.filters.http.cache_v2"
HSTS_FILTER = "envoy.filters.http.header_mutation"
HSTS = "max-age=31536000; includeSubDomains"
CANARY_CACHE_CONTROL = "private, no-store"  # what a canary's answers say, whatever they said
MIN_COMPRESSED_BYTES = 1024
# Text worth compressing; images other than SVG, fonts and archives are compressed already.
COMPRESSIBLE = ("text/html", "text/css", "text/plain", "text/javascript", "application/javascript",
                "application/json", "application/problem+json", "image/svg+xml")
COMPRESSORS = (  # (library, its config type); the first wins when a client likes both equally
    ("brotli", "envoy.extensions.compression.brotli.compressor.v3.Brotli"),
    ("gzip", "envoy.extensions.compression.gzip.compressor.v3.Gzip"),
)


def compressible() -> dict:
    """A matcher for the compressible media types, with or without parameters (`; charset=...`)."""
    types = "|".join(re.escape(kind) for kind in COMPRESSIBLE)
    return {"safe_regex": {"regex": f"({types})(;.*)?"}}


def compressor(library: str, type_name: str, first: bool) -> dict:
    """A response compressor for text over MIN_COMPRESSED_BYTES, by the client's Accept-Encoding."""
    return http_filter(f"envoy.filters.http.compressor.{library}", typed(
        "envoy.extensions.filters.http.compressor.v3.Compressor",
        response_direction_config={"common_config": {
            "min_content_length": MIN_COMPRESSED_BYTES, "content_type_matcher": compressible()}},
        compressor_library={"name": library, "typed_config": typed(type_name)},
        choose_first=first))


def cache() -> dict:
    """Envoy's HTTP cache (v2, in memory), off unless a route turns it on (`cache_on`)."""
    return {**http_filter(CACHE_FILTER, typed(
        "envoy.extensions.filters.http.cache_v2.v3.CacheV2Config",
        typed_config=typed("envoy.extensions.http.cache_v2.simple_http_cache.v3."
                           "SimpleHttpCacheV2Config"))), "disabled": True}


def cache_on() -> dict:
    """A route's per-filter config that turns the cache on (an empty config enables it)."""
    return {CACHE_FILTER: typed("envoy.config.route.v3.FilterConfig", config={})}


def unstored() -> list[dict]:
    """A canary cluster's upstream filters: its answers leave marked `no-store`, so neither the
    edge's cache (whose key names the cluster, and so a later canary's) nor a browser keeps
    one past the canary; then the upstream codec, which every upstream chain ends with."""
    return [http_filter("envoy.filters.http.header_mutation", typed(
        "envoy.extensions.filters.http.header_mutation.v3.HeaderMutation",
        mutations={"response_mutations": [{"append": {
            "header": {"key": "cache-control", "value": CANARY_CACHE_CONTROL},
            "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}}]})),
        http_filter("envoy.filters.http.upstream_codec", typed(
            "envoy.extensions.filters.http.upstream_codec.v3.UpstreamCodec"))]


def hsts() -> dict:
    """Strict-Transport-Security on every response, cache hits and local replies included."""
    return http_filter(HSTS_FILTER, typed(
        "envoy.extensions.filters.http.header_mutation.v3.HeaderMutation",
        mutations={"response_mutations": [{"append": {
            "header": {"key": "strict-transport-security", "value": HSTS},
            "append_action": "OVERWRITE_IF_EXISTS_OR_ADD"}}]}))


def public_filters(topology: Topology, https: bool = False) -> list[dict]:
    """The whole chain of a public listener; HSTS only where the connection is HTTPS.

    The JWT filter's own replies (401) pass HSTS and the compressors on their way out."""
    return [
        http_filter(RATE_LIMIT_FILTER, typed(
            "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
            stat_prefix="public_rate_limit")),
        http_filter("envoy.filters.http.buffer", typed(
            "envoy.extensions.filters.http.buffer.v3.Buffer", max_request_bytes=MAX_REQUEST_BYTES)),
        *([hsts()] if https else []),
        *(compressor(library, kind, index == 0)
          for index, (library, kind) in enumerate(COMPRESSORS)),
        strip_identity(),
        jwt_filter(topology),
        cache(),
        http_filter("envoy.filters.http.router", typed(
            "envoy.extensions.filters.http.router.v3.Router", suppress_envoy_headers=True)),
    ]
