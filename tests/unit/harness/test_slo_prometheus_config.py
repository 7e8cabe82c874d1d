"""prometheus.yml rendered from the topology: every replica, Envoy, Prometheus, the rules."""
from harness import prometheus, prometheus_config
from harness.model.topology import Topology
from harness.paths import RunPaths
from harness.stack.options import StackOptions


def render(topology, rules_dir):
    """The local stack's prometheus.yml."""
    return prometheus_config.render(topology, prometheus.local_site(rules_dir))


def jobs(config):
    return {job["job_name"]: job for job in config["scrape_configs"]}


def test_every_replica_envoy_and_prometheus_itself_are_scraped(tmp_path):
    topology = Topology(scrape_interval_s=1).with_replicas({"catalog": 2}).shifted(100)
    config = render(topology, tmp_path)
    found = jobs(config)
    assert set(found) == {"prometheus", "envoy", "alertmanager", "synthetic", *topology.names()}
    assert found["prometheus"]["static_configs"][0]["targets"] == ["127.0.0.1:9190"]
    assert found["envoy"]["metrics_path"] == "/stats/prometheus"
    assert found["envoy"]["static_configs"][0]["targets"] == ["127.0.0.1:10001"]
    catalog = found["catalog"]["static_configs"]
    assert [c["targets"] for c in catalog] == [["127.0.0.1:7110"], ["127.0.0.1:7111"]]
    assert [c["labels"] for c in catalog] == [{"service": "catalog", "replica": "0"},
                                              {"service": "catalog", "replica": "1"}]


def test_the_scrape_interval_comes_from_the_stack_options(tmp_path):
    config = render(StackOptions(scrape_interval_s=1, port_offset=0).topology(), tmp_path)
    assert config["global"] == {"scrape_interval": "1s", "scrape_timeout": "1s",
                                "evaluation_interval": "1s"}
    assert render(Topology(), tmp_path)["global"]["scrape_interval"] == "5s"


def test_the_stack_config_loads_the_rules_rendered_from_the_specs(tmp_path):
    paths = RunPaths(tmp_path)
    config_path = prometheus.write_stack_config(Topology(), paths)
    text = config_path.read_text()
    assert f"{(tmp_path / 'rules').resolve()}/*.yml" in text
    assert (tmp_path / "rules" / "slo.rules.yml").exists()


def test_the_command_keeps_data_in_the_run_directory_for_a_whole_slo_period(tmp_path):
    argv = prometheus.command("/usr/bin/prometheus", tmp_path / "p.yml", tmp_path / "data", 9190)
    assert f"--storage.tsdb.path={tmp_path / 'data'}" in argv
    assert "--web.listen-address=127.0.0.1:9190" in argv
    assert "--storage.tsdb.retention.time=31d" in argv
