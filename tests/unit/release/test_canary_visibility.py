"""What a canary looks like to the rest of the stack: Prometheus finds it through one file per
service, written from one function for the local stack and the cluster alike; its answers leave
its cluster marked no-store; the edge cache's answers are in neither sample, counted apart."""
import json

from harness import prometheus_config
from harness.cluster import monitoring, placement, sites
from harness.envoy.accesslog import CACHE_ANSWER, parse
from harness.envoy.clusters import service_clusters
from harness.envoy.edge import CANARY_CACHE_CONTROL
from harness.envoy.filters import access_log
from harness.model.topology import Topology
from harness.release import samples
from tests.cluster.fakes import cluster

MADE = cluster(3)
PLACED = placement.topology(MADE)
LOCAL = Topology().with_canaries()


def test_the_local_canary_file_names_each_replica_with_the_stable_ones_labels():
    groups = prometheus_config.canary_targets("catalog", LOCAL.canary_endpoints("catalog"))
    assert groups == [{"targets": ["127.0.0.1:7160"], "labels": {
        "service": "catalog", "replica": "catalog-canary-0", "track": "canary"}}]


def test_the_cluster_announces_the_same_targets_with_their_host_on_the_data_host():
    found = monitoring.canary_announcement(MADE, PLACED, "catalog")
    data = MADE.one("data")
    assert found["release_monitoring_host"] == data.name
    assert found["release_targets_file"] == f"{data.host_dir}/etc/prometheus/canaries/catalog.json"
    assert found["release_targets"] == [{"targets": ["10.77.0.11:7160"], "labels": {
        "service": "catalog", "replica": "catalog-canary-0", "track": "canary", "host": "app1"}}]


def test_the_data_hosts_prometheus_watches_the_canary_files():
    config = prometheus_config.render(PLACED, sites.scrape_site(MADE, "/srv/rules"))
    canary = next(job for job in config["scrape_configs"] if job["job_name"] == "canary")
    assert canary["honor_labels"] is True
    assert canary["file_sd_configs"][0]["files"] == [
        f"{MADE.one('data').host_dir}/etc/prometheus/canaries/*.json"]


def upstream_filters(name: str) -> list[dict]:
    """The upstream HTTP filters of one of catalog's clusters."""
    found = {c["name"]: c for c in service_clusters(LOCAL, LOCAL.service("catalog"))}
    options = found[name]["typed_extension_protocol_options"]
    return next(iter(options.values())).get("http_filters", [])


def test_only_the_canarys_answers_are_marked_no_store_on_their_way_back():
    assert upstream_filters("catalog") == []
    mutation, codec = upstream_filters("catalog-canary")
    header = mutation["typed_config"]["mutations"]["response_mutations"][0]["append"]
    assert header["header"] == {"key": "cache-control", "value": CANARY_CACHE_CONTROL}
    assert header["append_action"] == "OVERWRITE_IF_EXISTS_OR_ADD"
    assert "no-store" in CANARY_CACHE_CONTROL
    assert codec["name"] == "envoy.filters.http.upstream_codec"


def test_the_access_log_records_the_details_that_tell_a_cache_answer():
    fields = access_log("public_https")[0]["typed_config"]["log_format"]["json_format"]
    assert fields["details"] == "%RESPONSE_CODE_DETAILS%"


def line(cluster_name: str, details: str, us: int = 2000) -> str:
    """One public request as Envoy logs it."""
    return json.dumps({"listener": "public_https", "method": "GET", "path": "/api/products",
                       "status": "200", "duration_us": str(us), "start_s": "100.5",
                       "upstream_cluster": cluster_name, "details": details})


def test_the_edge_caches_answers_are_in_neither_sample_and_counted_by_side():
    found = [parse(text) for text in (
        line("catalog", "cache.insert_via_upstream", 9000),   # a miss: it reached stable
        line("catalog", CACHE_ANSWER, 300), line("catalog", CACHE_ANSWER, 400),
        line("catalog-canary", "via_upstream", 7000),          # the canary's, never stored
        line("catalog-canary", CACHE_ANSWER, 350))]
    canary, stable = samples.split(found, "catalog")
    assert [r.ms for r in canary] == [7.0] and [r.ms for r in stable] == [9.0]
    assert samples.cached(found, "catalog") == {"canary": 1, "stable": 2}
