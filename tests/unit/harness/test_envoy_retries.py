"""The retry policy Envoy is rendered with, pinned per route class on every listener: reads,
keyed writes and writes to services whose writes are idempotent are retried on any failure;
a plain write only when the replica never saw it. The conditions are written out here, not
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
    assert len(routes) > 40 and {listener for listener, *_ in routes} == {"public", "mesh"}
    for listener, name, headers, action in routes:
        policy = action["retry_policy"]
        assert set(policy["retry_on"].split(",")) == expected(headers, action["cluster"]), (
            f"{listener} {name} -> {action['cluster']} {headers}")
        assert policy["num_retries"] == 2
        assert [p["name"] for p in policy["retry_host_predicate"]] == [
            "envoy.retry_host_predicates.previous_hosts"], "a retry goes to another replica"


def test_a_plain_write_to_the_cart_is_never_resent_once_sent(routes):
    plain = [action["retry_policy"]["retry_on"] for _, _, headers, action in routes
             if action["cluster"] == "cart" and not keyed(headers)
             and methods(headers) != READS]
    assert plain == ["connect-failure,refused-stream,reset-before-request"] * 2  # edge, mesh


def test_each_try_leaves_room_for_the_retries_within_the_route_timeout(routes):
    for _, _, _, action in routes:
        timeout = float(action["timeout"].rstrip("s"))
        assert 3 * float(action["retry_policy"]["per_try_timeout"].rstrip("s")) <= timeout


def test_a_keyed_write_meets_its_own_route_before_the_plain_one(routes):
    order: dict[tuple[str, str], list[str]] = {}
    for listener, name, headers, _ in routes:
        base, _, kind = name.rpartition("/")
        if kind in ("keyed", "read", "write"):
            order.setdefault((listener, base), []).append(kind)
    assert ("mesh", "cart") in order and ("public", "cart:/api/carts/") in order
    for where, kinds in order.items():
        assert kinds[0] == "keyed" and kinds[-1] == "write", where
