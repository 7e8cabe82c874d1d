"""A release on the cluster (`astroshop cluster release`): a catalog build whose reads are 40 ms
slower (a real code change in a copied source tree) runs as a canary on one app host through
Ansible, gets 5 % of the traffic on every Envoy, is found slower and rolled back: all traffic
on stable again, the canary stopped, its log kept, every stable replica on its old build; every
objective that concerns catalog judged with data for the canary (Prometheus scraped it)."""
import re
from pathlib import Path

import pytest
import yaml

from harness.cluster import monitoring, placement, probe
from harness.cluster.model import Cluster
from harness.release.result import read
from tests.cluster import session
from tests.support import builds


@pytest.fixture(scope="module")
def made(paths):
    cluster = Cluster.load(paths)
    return cluster, placement.topology(cluster)


def host_of(cluster, endpoint):
    """The host a replica runs on."""
    return next(h for h in cluster.hosts if h.address == endpoint.host)


def versions(cluster, topology) -> list[str]:
    """What every stable catalog replica answers with (asked inside its host: a replica's
    port admits nobody from the root namespace)."""
    return [probe.body(host_of(cluster, e), f"http://{e.address}/healthz")["version"]
            for e in topology.endpoints("catalog")]


def test_slower_catalog_reads_are_rolled_back_on_the_cluster(cluster_root, made, tmp_path):
    cluster, topology = made
    before = versions(cluster, topology)
    source = builds.source_copy(tmp_path / "src", builds.SLOW_CATALOG_READS)
    policy = tmp_path / "policy.yaml"
    policy.write_text(yaml.safe_dump({"step_seconds": 20, "max_extensions": 2,
                                      "load": {"rate": 20}}))
    done = session.astroshop(cluster_root, "cluster", "release", "catalog", "--source",
                             str(source), "--policy", str(policy))
    print(done.stdout[-1500:])
    assert done.returncode == 1, done.stdout + done.stderr
    run_id = re.search(r"^RUN_ID=(\S+)$", done.stdout, re.MULTILINE)[1]
    result = read(cluster_root / "reports" / run_id / "release.json")
    step = result.steps[-1]
    print(f"cluster: {result.decision} at step {step.index + 1} ({step.weight} %): latency "
          f"+{step.latency.effect:.1f} ms [{step.latency.ci_low:.1f}, "
          f"{step.latency.ci_high:.1f}], detectable {step.latency.mde:.2f} ms")
    assert result.decision == "rolled back" and step.latency.verdict == "worse"
    assert step.canary_requests > 0 and step.stable_requests > 0
    # Every objective that concerns catalog was judged with data for the canary: the RED ones
    # need the data host's Prometheus to have scraped the canary (its file discovery target)
    # and have data on both sides. An edge objective (from the access log) may lack a stable
    # side only because the edge's cache answered stable's requests (a canary's answers are
    # never stored; cached answers are in neither sample).
    judged = {test.name: (test.verdict, test.candidate_n, test.reference_n)
              for test in step.objectives}
    print(f"objectives: {judged}; cached: {step.cached}")
    red = judged.get("objective catalog-availability")
    assert red is not None and red[0] != "no data" and red[1] > 0 and red[2] > 0, judged
    assert all(canary > 0 for _, canary, _ in judged.values()), judged
    stable_cached = step.cached.get("stable", 0)
    assert all(verdict != "no data" or (stable == 0 and stable_cached > 0)
               for verdict, _, stable in judged.values()), (judged, step.cached)
    canary = topology.canary_endpoints("catalog")[0]
    host = host_of(cluster, canary)
    answer = probe.inside(host, [f"http://{canary.address}/healthz"])
    assert "refused" in str(answer).lower(), f"the canary still answers: {answer}"
    log = f"{host.host_dir}/log/{canary.name}.log"
    assert log in result.canary_logs and "\"message\": \"request\"" in open(log).read()
    assert versions(cluster, topology) == before
    announced = Path(monitoring.canary_targets_dir(cluster)) / "catalog.json"
    assert not announced.exists(), "the stopped canary is still named to Prometheus"
