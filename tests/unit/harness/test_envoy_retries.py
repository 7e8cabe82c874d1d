"""The retry policy Envoy is rendered with, pinned per route class on every listener: reads,
keyed writes and writes to services whose writes are idempotent are retried on any failure;
a plain write only when the replica never saw it, with the route's whole timeout for its one
try; a retried route fits every try in its timeout. The conditions are written out here, not
taken from harness/envoy/routes.py, so a change there fails until it is made here too."""
import pytest
import yaml

from harness import envoy
from harness.model.topology import Topology

ANY_FAILURE = {"reset", "connect-failure", "refused-stream", "5xx"}
NEVER_SENT = {"connect-failure", "refused-stream", "reset-before-request"}
READS = {"GET", "HEAD"}


@pytest.fixture(scope="module")
def routes(tmp_path_factory) -> list[tuple[str, str, list[dict], dict]]:
    """(listener, route name, route's header matchers, route action) of every forwarding route,
    in the order Envoy tries them."""
    config = yaml.safe_load(envoy.write(Topology(), tmp_path_factory.mktemp("envoy") / "e.yaml")
                            .read_text())
    found = []
    for listener in config["static_resources"]["listeners"]:
        for chain in listener["filter_chains"]:
            for item in chain["filters"]:
                for host in item["typed_config"].get("route_config", {}).get("virtual_hosts", []):
                    found += [(listener["name"], route["name"], route["match"].get("headers", []),
                               route["route"]) for route in host["routes"] if "route" in route]
    return found


def methods(headers: list[dict]) -> set[str] | None:
    """The methods a route matches (None: any)."""
    for header in headers:
        if header["name"] == ":method":
            return set(header["string_match"]["safe_regex"]["regex"].split("|"))
    return None


def keyed(headers: list[dict]) -> bool:
    """Whether the route matches only requests carrying an Idempotency-Key."""
    return any(h["name"] == "idempotency-key" and h.get("present_match") for h in headers)


def expected(headers: list[dict], service: str) -> set[str]:
    """The route class's retry conditions."""
    matched = methods(headers)
    reads_only = matched is not None and matched <= READS
    if reads_only or keyed(headers) or Topology().service(service).idempotent_writes:
        return ANY_FAILURE
    return NEVER_SENT


def test_every_route_class_has_its_retry_conditions(routes):
    listeners = {listener for listener, *_ in routes}  # the edge and each caller's mesh port
    assert len(routes) > 40 and "public" in listeners and "mesh_checkout" in listeners
    assert all(name in ("public", "mesh") or name.startswith("mesh_") for name in listeners)
    for listener, name, headers, action in routes:
        policy = action["retry_policy"]
        assert set(policy["retry_on"].split(",")) == expected(headers, action["cluster"]), (
            f"{listener} {name} -> {action['cluster']} {headers}")
        assert policy["num_retries"] == 2
        assert [p["name"] for p in policy["retry_host_predicate"]] == [
            "envoy.retry_host_predicates.previous_hosts"], "a retry goes to another replica"


def test_a_plain_write_to_the_cart_is_never_resent_once_sent(routes):
    plain = {listener: action["retry_policy"]["retry_on"] for listener, _, headers, action
             in routes if action["cluster"] == "cart" and not keyed(headers)
             and methods(headers) != READS}
    callers = {f"mesh_{s.name}" for s in Topology().services if "cart" in s.calls}
    assert set(plain) == {"public", *callers}  # the edge and every service that calls the cart
    assert set(plain.values()) == {"connect-failure,refused-stream,reset-before-request"}


def seconds(duration: str) -> float:
    """'1.5s' as 1.5."""
    return float(duration.rstrip("s"))


def test_a_write_never_retried_once_sent_gets_the_whole_timeout_for_its_one_try(routes):
    once = [action for _, _, _, action in routes
            if set(action["retry_policy"]["retry_on"].split(",")) == NEVER_SENT]
    assert once, "the storefront's and the cart's plain writes are never retried once sent"
    for action in once:
        assert seconds(action["retry_policy"]["per_try_timeout"]) == seconds(action["timeout"])


def test_a_route_retried_on_any_failure_fits_every_try_in_its_timeout(routes):
    retried = [action for _, _, _, action in routes
               if set(action["retry_policy"]["retry_on"].split(",")) == ANY_FAILURE]
    assert retried
    for action in retried:
        tries = action["retry_policy"]["num_retries"] + 1
        per_try = seconds(action["retry_policy"]["per_try_timeout"])
        assert per_try * tries <= seconds(action["timeout"])


def test_a_keyed_write_meets_its_own_route_before_the_plain_one(routes):
    order: dict[tuple[str, str], list[str]] = {}
    for listener, name, headers, _ in routes:
        base, _, kind = name.rpartition("/")
        if kind in ("keyed", "read", "write"):
            order.setdefault((listener, base), []).append(kind)
    assert ("mesh_checkout", "cart") in order and ("public", "cart:/api/carts/") in order
    for where, kinds in order.items():
        assert kinds[0] == "keyed" and kinds[-1] == "write", where
