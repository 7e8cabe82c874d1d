"""The edge's identity checks as rendered for Envoy: the JWT filter's providers and
requirements, the account header removed before it, each route's requirement and per-client
limit from the model, and the 401 replies (validated by the real binary elsewhere)."""
from __future__ import annotations

from harness import envoy
from harness.envoy.auth import JWT_FILTER, JWKS_CLUSTER, requirement_name
from harness.model.services import AUTH_IF_VALID, AUTH_OPTIONAL, AUTH_REQUIRED
from harness.model.topology import Topology
from shop.contracts import accounts, checkout
from shop.contracts.headers import ACCOUNT_HEADER

TOPOLOGY = Topology().shifted(300)


def public_manager() -> dict:
    """The plain public listener's connection manager."""
    listener = next(item for item in envoy.render(TOPOLOGY)["static_resources"]["listeners"]
                    if item["name"] == "public")
    return listener["filter_chains"][0]["filters"][0]["typed_config"]


def routes() -> dict[str, dict]:
    """The public routes by name."""
    return {route["name"]: route for route in public_manager()["route_config"][
        "virtual_hosts"][0]["routes"]}


def requirement_of(route: dict) -> str | None:
    """The JWT requirement a route names, if any."""
    config = route.get("typed_per_filter_config", {}).get(JWT_FILTER)
    return config["requirement_name"] if config else None


def test_the_account_header_is_removed_before_the_jwt_filter_runs():
    names = [f["name"] for f in public_manager()["http_filters"]]
    strip = names.index("envoy.filters.http.header_mutation.identity")
    assert strip < names.index(JWT_FILTER) < names.index("envoy.filters.http.router")
    removed = public_manager()["http_filters"][strip]["typed_config"]["mutations"]
    assert removed == {"request_mutations": [{"remove": ACCOUNT_HEADER.lower()}]}


def test_two_providers_read_the_bearer_header_and_the_cookie_and_fetch_jwks_through_the_mesh():
    config = next(f for f in public_manager()["http_filters"] if f["name"] == JWT_FILTER)
    providers = config["typed_config"]["providers"]
    assert providers["bearer"]["from_headers"] == [{"name": "Authorization",
                                                    "value_prefix": "Bearer "}]
    assert "from_cookies" not in providers["bearer"]
    assert providers["cookie"]["from_cookies"] == [accounts.ACCESS_COOKIE]
    for provider in providers.values():
        assert provider["issuer"] == accounts.ISSUER
        assert provider["audiences"] == [accounts.AUDIENCE]
        assert provider["claim_to_headers"] == [{"header_name": ACCOUNT_HEADER.lower(),
                                                 "claim_name": "sub"}]
        jwks = provider["remote_jwks"]
        assert jwks["http_uri"]["cluster"] == JWKS_CLUSTER
        assert jwks["http_uri"]["uri"] == "http://accounts/.well-known/jwks.json"
        assert jwks["cache_duration"] == f"{TOPOLOGY.jwks_cache_s}s" and "async_fetch" in jwks
    clusters = {c["name"]: c for c in envoy.render(TOPOLOGY)["static_resources"]["clusters"]}
    address = clusters[JWKS_CLUSTER]["load_assignment"]["endpoints"][0]["lb_endpoints"][0]
    ports = [e.port for e in TOPOLOGY.endpoints("accounts")]  # the replicas, no mesh hop
    assert address["endpoint"]["address"]["socket_address"]["port_value"] == ports[0]


def test_each_route_asks_what_the_issue_wants_of_a_token():
    found = routes()
    assert requirement_of(found["accounts:/api/account"]) == requirement_name(AUTH_REQUIRED, True)
    for part in ("keyed", "read", "write"):
        assert requirement_of(found[f"accounts:/api/account//{part}"]) == requirement_name(
            AUTH_REQUIRED, True)
        assert requirement_of(found[f"frontend:/account/{part}"]) == requirement_name(
            AUTH_REQUIRED, False)
    assert requirement_of(found["accounts:/api/account/signin/write"]) is None
    assert requirement_of(found["checkout:/api/checkout"]) == requirement_name(AUTH_OPTIONAL, True)
    assert requirement_of(found["frontend://read"]) == requirement_name(AUTH_IF_VALID, False)
    assert requirement_of(found["catalog:/api/products"]) is None


def test_every_route_the_contracts_mark_signed_in_is_guarded_at_the_edge():
    guarded = [route for name, route in routes().items()
               if requirement_of(route) == requirement_name(AUTH_REQUIRED, True)]
    for declared in (accounts.SIGN_OUT, accounts.PROFILE, accounts.ORDERS,
                     accounts.CHANGE_PASSWORD):
        assert any(declared.path == r["match"].get("path")
                   or declared.path.startswith(r["match"].get("prefix", "\0"))
                   for r in guarded), declared.path
    assert checkout.PLACE_ORDER.identity == "optional"


def test_sign_up_and_sign_in_are_limited_per_client_address():
    found = routes()
    for name in ("accounts:/api/account/signup/write", "accounts:/api/account/signin/write",
                 "accounts:/api/account/refresh/keyed", "frontend:/signin/write",
                 "frontend:/signup/read"):
        route = found[name]
        assert route["route"]["rate_limits"] == [{"actions": [{"remote_address": {}}]}], name
        limit = route["typed_per_filter_config"]["envoy.filters.http.local_ratelimit"]
        assert limit["descriptors"][0]["entries"] == [{"key": "remote_address"}]
        assert limit["descriptors"][0]["token_bucket"]["max_tokens"] == TOPOLOGY.signin_burst
        assert limit["always_consume_default_token_bucket"] is False
    assert "rate_limits" not in found["catalog:/api/products"]["route"]


def test_a_refused_token_is_a_401_and_a_page_gets_a_sign_in_page():
    mappers = public_manager()["local_reply_config"]["mappers"]
    page, audience = mappers[0], mappers[1]
    assert page["status_code"] == 401
    assert page["body_format_override"]["content_type"].startswith("text/html")
    assert "/signin" in page["body_format_override"]["text_format_source"]["inline_string"]
    assert audience["status_code"] == 401
    assert audience["filter"]["and_filter"]["filters"][0]["status_code_filter"]["comparison"][
        "value"]["default_value"] == 403

