"""The edge's identity checks: Envoy's JWT filter (envoy.filters.http.jwt_authn), the header
that carries the verified account to the services, and what each route asks of a token.

Two providers share the accounts service's issuer, audience and JWKS: `bearer` reads only the
Authorization header (the API), `cookie` only the storefront's access cookie (pages), so a
page's cookie never authenticates an API call. Envoy fetches the JWKS from the accounts
service's own cluster (its replicas, health checks and outlier detection; no mesh listener in
between, which on the cluster admits declared callers only), in the background and again
every `jwks_cache_s`. A verified token's `sub` becomes ACCOUNT_HEADER; whatever a client sends
in that header is removed before the filter runs, on every route.
"""
from __future__ import annotations

from harness.envoy.filters import header, http_filter, problem_format, status_is, typed
from harness.model.services import AUTH_IF_VALID, AUTH_OPTIONAL, AUTH_REQUIRED
from harness.model.topology import Topology
from shop.contracts.accounts import ACCESS_COOKIE, AUDIENCE, ISSUER, JWKS
from shop.contracts.headers import ACCOUNT_HEADER

JWT_FILTER = "envoy.filters.http.jwt_authn"
STRIP_FILTER = "envoy.filters.http.header_mutation"
JWKS_CLUSTER = "accounts"  # the service that publishes the JWKS: its own cluster
FAILURE_METADATA = "jwt_failure"  # where the filter records why it refused a token
PROVIDERS = {"bearer": {"from_headers": [{"name": "Authorization", "value_prefix": "Bearer "}]},
             "cookie": {"from_cookies": [ACCESS_COOKIE]}}


def provider(topology: Topology, source: dict) -> dict:
    """One provider: the issuer, audience and JWKS of accounts, the token from `source`."""
    return {"issuer": ISSUER, "audiences": [AUDIENCE], "require_expiration": True,
            "remote_jwks": {
                "http_uri": {"uri": f"http://{JWKS_CLUSTER}{JWKS.path}",
                             "cluster": JWKS_CLUSTER, "timeout": "1s"},
                "cache_duration": f"{topology.jwks_cache_s}s",
                "async_fetch": {"fast_listener": True, "failed_refetch_duration": "1s"},
                "retry_policy": {"num_retries": 2}},
            "claim_to_headers": [{"header_name": ACCOUNT_HEADER.lower(), "claim_name": "sub"}],
            "failed_status_in_metadata": FAILURE_METADATA, **source}


def requirement(name: str, bypass: str = "") -> dict:
    """A requirement of provider `name`, or of it *or* the bypass (allow_missing...)."""
    if not bypass:
        return {"provider_name": name}
    return {"requires_any": {"requirements": [{"provider_name": name}, {bypass: {}}]}}


def requirement_name(mode: str, api: bool) -> str:
    """The requirement a route of `mode` uses: bearer tokens for the API, cookies for pages."""
    return f"{'bearer' if api else 'cookie'}-{mode}"


def jwt_filter(topology: Topology) -> dict:
    """The JWT filter: both providers and every requirement a route may name."""
    bypass = {AUTH_REQUIRED: "", AUTH_OPTIONAL: "allow_missing",
              AUTH_IF_VALID: "allow_missing_or_failed"}
    requirements = {requirement_name(mode, name == "bearer"): requirement(name, skip)
                    for name in PROVIDERS for mode, skip in bypass.items()}
    return http_filter(JWT_FILTER, typed(
        "envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication",
        providers={name: provider(topology, source) for name, source in PROVIDERS.items()},
        requirement_map=requirements))


def strip_identity() -> dict:
    """Remove ACCOUNT_HEADER from every request a client sends (before the JWT filter)."""
    return http_filter(STRIP_FILTER + ".identity", typed(
        "envoy.extensions.filters.http.header_mutation.v3.HeaderMutation",
        mutations={"request_mutations": [{"remove": ACCOUNT_HEADER.lower()}]}))


def auth_on(mode: str, api: bool) -> dict:
    """A route's per-filter config naming its requirement."""
    return {JWT_FILTER: typed("envoy.extensions.filters.http.jwt_authn.v3.PerRouteConfig",
                              requirement_name=requirement_name(mode, api))}


SIGN_IN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Please sign in · AstroShop</title>
<link rel="stylesheet" href="/static/astroshop.css"></head>
<body><main id="main"><section class="error-page" data-testid="signin-required"
 data-status="401"><p class="error-code" aria-hidden="true">401</p>
<h1>Please sign in</h1><p>This page is for signed-in shoppers, and your sign-in is missing,
has expired or is not valid (%LOCAL_REPLY_BODY%).</p>
<p><a class="button" href="/signin">Sign in</a> <a href="/">Back to the shop</a></p>
</section></main></body></html>
"""


def replies() -> list[dict]:
    """Local replies of the JWT filter: a refused audience is a 401 like every other token
    defect (the filter says 403), and a page refused for its cookie gets an HTML page."""
    refused = {"metadata_filter": {"matcher": {"filter": JWT_FILTER, "path": [
        {"key": FAILURE_METADATA}], "value": {"present_match": True}},
        "match_if_key_not_found": False}}  # by default a missing key matches: every 403 a 401
    page = {"header_filter": {"header": {"name": ":path", "string_match": {"prefix": "/api/"},
                                         "invert_match": True}}}
    token_refused = {"or_filter": {"filters": [
        status_is(401), {"and_filter": {"filters": [status_is(403), refused]}}]}}
    return [
        {"filter": {"and_filter": {"filters": [token_refused, page]}}, "status_code": 401,
         "headers_to_add": [header("cache-control", "no-store")],
         "body_format_override": {"text_format_source": {"inline_string": SIGN_IN_PAGE},
                                  "content_type": "text/html; charset=utf-8"}},
        {"filter": {"and_filter": {"filters": [status_is(403), refused]}}, "status_code": 401,
         "body_format_override": problem_format("Unauthorized")},
    ]
