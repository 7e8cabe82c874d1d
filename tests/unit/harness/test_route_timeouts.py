"""Each try of a route fits its timeout: retried routes share it, unretried writes get it all."""
from __future__ import annotations

from harness import envoy
from harness.model.topology import Topology


def forwarding_routes() -> list[dict]:
    """Every route of every listener that forwards to a service."""
    rendered = envoy.render(Topology())
    return [route for listener in rendered["static_resources"]["listeners"]
            for chain in listener["filter_chains"] for item in chain["filters"]
            for host in item["typed_config"].get("route_config", {}).get("virtual_hosts", [])
            for route in host["routes"] if "retry_policy" in route.get("route", {})]


def seconds(duration: str) -> float:
    """'1.5s' as 1.5."""
    return float(duration.rstrip("s"))


def test_a_write_never_retried_after_it_was_sent_gets_the_whole_timeout_for_its_one_try():
    routes = [r for r in forwarding_routes() if "reset-before-request" in
              r["route"]["retry_policy"]["retry_on"]]
    assert routes, "the storefront's and the cart's writes must not be retried once sent"
    for route in routes:
        action = route["route"]
        assert seconds(action["retry_policy"]["per_try_timeout"]) == seconds(action["timeout"])


def test_reads_retried_on_any_failure_fit_three_tries_in_the_timeout():
    routes = [r for r in forwarding_routes() if "5xx" in r["route"]["retry_policy"]["retry_on"]]
    assert routes
    for route in routes:
        action = route["route"]
        tries = action["retry_policy"]["num_retries"] + 1
        assert seconds(action["retry_policy"]["per_try_timeout"]) * tries <= seconds(action["timeout"])
