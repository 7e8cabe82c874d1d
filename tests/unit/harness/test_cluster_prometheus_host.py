"""Prometheus on the data host: every replica, every Envoy's stats listener, a host label on
each target; promtool accepts the file."""
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from harness.cluster import placement, prometheus_host
from tests.cluster.fakes import cluster

MADE = cluster(3)
TOPOLOGY = placement.topology(MADE)


def jobs(rules_dir: str = "/srv/rules") -> dict:
    """job name -> job of the rendered config."""
    config = prometheus_host.render(MADE, TOPOLOGY, Path(rules_dir))
    return {job["job_name"]: job for job in config["scrape_configs"]}


def test_envoy_is_scraped_on_every_hosts_stats_listener():
    envoy = jobs()["envoy"]
    assert envoy["metrics_path"] == "/stats/prometheus"
    assert [group["targets"] for group in envoy["static_configs"]] == [
        ["10.77.0.10:9902"], ["10.77.0.11:9902"], ["10.77.0.12:9902"]]


def test_every_replica_is_a_target_labelled_with_its_host():
    catalog = jobs()["catalog"]["static_configs"]
    assert [(g["targets"], g["labels"]["host"], g["labels"]["replica"]) for g in catalog] == [
        (["10.77.0.11:7010"], "app1", "0"), (["10.77.0.12:7011"], "app2", "1")]


def test_every_service_has_a_job():
    assert set(TOPOLOGY.names()) <= set(jobs())


def test_rule_files_are_read_from_the_data_hosts_folder():
    config = prometheus_host.render(MADE, TOPOLOGY, Path("/srv/hosts/edge1/etc/prometheus/rules"))
    assert config["rule_files"] == ["/srv/hosts/edge1/etc/prometheus/rules/*.yml"]


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool (Debian prometheus) is not installed")
def test_promtool_accepts_the_config(tmp_path):
    path = tmp_path / "prometheus.yml"
    path.write_text(yaml.safe_dump(prometheus_host.render(MADE, TOPOLOGY, tmp_path / "rules")))
    result = subprocess.run(["promtool", "check", "config", "--syntax-only", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
