"""The Envoy histograms left out (harness.envoy.bootstrap.UNUSED_HISTOGRAMS) stay unread: no
rule, dashboard, objective, playbook or harness module may name one, since Envoy never makes
them; and the latency histograms the objectives read are not caught by the exclusion."""
from pathlib import Path

from harness import envoy
from harness.envoy.bootstrap import UNUSED_HISTOGRAMS
from harness.model.topology import Topology
from harness.paths import REPO_ROOT

READERS = ("harness", "shop", "dashboards", "k8s", "playbooks", "features", "slo", "docs")
SUFFIXES = {".py", ".yml", ".yaml", ".json", ".md", ".feature", ".j2", ".rules"}
DEFINED_IN = REPO_ROOT / "harness" / "envoy" / "bootstrap.py"


def texts():
    for folder in READERS:
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and path != DEFINED_IN:
                text = path.read_text(errors="replace")
                if "stats_matcher" not in text:  # a rendered bootstrap carries the exclusion
                    yield path, text


def test_no_reader_names_an_excluded_histogram():
    readers = list(texts())
    assert len(readers) > 100  # the folders were found
    for path, text in readers:
        for name in UNUSED_HISTOGRAMS:
            assert name not in text, f"{path.relative_to(REPO_ROOT)} reads {name}"


def test_the_exclusion_spares_the_request_time_histograms_and_the_counters():
    patterns = [p["suffix"] for p in
                envoy.render(Topology())["stats_config"]["stats_matcher"]["exclusion_list"]["patterns"]]
    assert patterns == [f".{name}" for name in UNUSED_HISTOGRAMS]
    kept = ("cluster.catalog.upstream_rq_time", "http.ingress.downstream_rq_time",
            "cluster.catalog.upstream_cx_total", "cluster.catalog.upstream_rq_5xx",
            "listener.0.0.0.0_8080.downstream_cx_total")
    for stat in kept:
        assert not any(stat.endswith(p) for p in patterns), stat
    assert Path(DEFINED_IN).is_file()
