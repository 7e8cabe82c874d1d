"""What `astroshop bench` measures: issue 18's ratios against the hello ceiling it serves
itself (the product list uncached, straight to catalog through the mesh; the product page,
which the edge never caches), and the breakpoint's summary against the 30 users of before."""
from harness.bench.breakpoint import settings, summary
from harness.bench.wrk import comparisons
from harness.model.topology import Topology
from harness.load.profiles import PROFILES

HELLO = "http://127.0.0.1:9999/"


def test_the_ceiling_ratios_load_the_uncached_list_through_the_mesh_and_the_page_at_the_edge():
    topology = Topology().shifted(300)
    pairs = {pair.target: pair for pair in comparisons(topology, "telescope-1", HELLO)}
    products, page = pairs["products_vs_hello"], pairs["page_vs_hello"]
    assert products.first[1] == f"http://127.0.0.1:{topology.mesh_port}/api/products"
    assert dict(products.headers) == {"Host": "catalog"}  # the mesh's catalog virtual host
    assert page.first[1] == f"{topology.plain_url()}/product/telescope-1"
    assert products.second[1] == page.second[1] == pairs["cached_vs_hello"].second[1] == HELLO
    assert not any(route.cached for route in topology.service("frontend").public_routes
                   if "/product/".startswith(route.prefix))


def test_the_breakpoint_ramp_is_fitted_into_the_seconds_given():
    plan = PROFILES["breakpoint"].plan(settings(120))
    assert round(plan.total_s) == 120 and plan.peak_users == 90


def test_the_breakpoint_summary_keeps_the_stage_that_held_last_and_the_one_that_broke():
    rows = [{"users": 30, "requests/s": 48.6, "failed": []},
            {"users": 36, "requests/s": 55.0, "failed": ["storefront-latency"]}]
    found = summary("run-1", 120, {"stages": rows, "held": rows[0], "broke": rows[1],
                                   "stopped_early": ""})
    assert (found["held_users"], found["held_requests_per_s"], found["broke_users"],
            found["broke_on"], found["baseline_users"]) == (30, 48.6, 36,
                                                            ["storefront-latency"], 30)
    nothing = summary("run-2", 120, {"stages": [], "held": None, "broke": None,
                                     "stopped_early": "5% failed"})
    assert nothing["held_users"] == 0 and nothing["stopped_early"] == "5% failed"
