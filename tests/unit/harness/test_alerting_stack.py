"""The alerting parts of the local stack: processes, ports from the model, Prometheus's
alerting block and probe job, and the rule-cost report read from Prometheus's own metrics."""
from unittest import mock

from harness.alerting import probes
from harness.paths import RunPaths
from harness import prometheus, prometheus_config
from harness.slo import cost
from harness.stack.options import StackOptions
from harness.stack.processes import all_processes


def test_the_stack_runs_alertmanager_the_receiver_and_blackbox_on_moved_ports(tmp_path):
    options = StackOptions(port_offset=4000)
    specs = {s.name: s for s in all_processes(options.topology(), RunPaths(tmp_path), options)}
    assert (specs["alertmanager"].port, specs["alert-receiver"].port,
            specs["blackbox"].port) == (13093, 13096, 13115)
    assert "--web.listen-address=127.0.0.1:13093" in specs["alertmanager"].command
    assert specs["alert-receiver"].env["ASTROSHOP_ALERTS_FILE"].endswith(
        "alerts/notifications.jsonl")
    assert {"alertmanager", "alert-receiver", "blackbox"} <= set(options.topology().ports())


def test_prometheus_sends_alerts_to_the_stack_and_probes_the_edge(tmp_path):
    topology = StackOptions(port_offset=4000).topology()
    config = prometheus_config.render(topology, prometheus.local_site(tmp_path))
    (manager,) = config["alerting"]["alertmanagers"]
    assert manager["static_configs"][0]["targets"] == ["127.0.0.1:13093"]
    job = config["scrape_configs"][-1]
    assert job["job_name"] == "synthetic" and job["params"] == {"module": [probes.MODULE]}
    urls = [group["targets"][0] for group in job["static_configs"]]
    assert urls == ["https://127.0.0.1:12443/", f"https://127.0.0.1:12443/product/"
                    f"{probes.first_product()}", "https://127.0.0.1:12443/api/products"]
    assert job["relabel_configs"][-1]["replacement"] == "127.0.0.1:13115"
    cluster_like = prometheus_config.ScrapeSite(rule_files=str(tmp_path / "*.yml"))
    assert "alerting" not in prometheus_config.render(topology, cluster_like)


def test_the_cost_report_reads_each_slo_group_from_prometheus_metrics():
    answers = {
        "avg_over_time(prometheus_rule_group_last_duration_seconds[5m])": [
            ("/r/slo.rules.yml;slo:a", "0.002"), ("/r/slo.rules.yml;slo:b", "0.001"),
            ("/r/other.yml;node", "0.5")],
        "max_over_time(prometheus_rule_group_last_duration_seconds[5m])": [
            ("/r/slo.rules.yml;slo:a", "0.004"), ("/r/slo.rules.yml;slo:b", "0.003")],
        "prometheus_rule_group_rules": [("/r/slo.rules.yml;slo:a", "19"),
                                        ("/r/slo.rules.yml;slo:b", "19")],
        "prometheus_rule_group_last_evaluation_samples": [("/r/slo.rules.yml;slo:a", "14")],
    }
    quantiles = [{"metric": {"quantile": "0.5"}, "value": [0, "0.0001"]},
                 {"metric": {"quantile": "0.99"}, "value": [0, "NaN"]}]

    def answer(query):
        if query in answers:
            return [{"metric": {"rule_group": g}, "value": [0, v]} for g, v in answers[query]]
        return quantiles

    client = mock.Mock()
    client.custom_query.side_effect = answer
    report = cost.collect(client, "5m")
    assert [(g.group, g.rules, g.mean_ms, g.max_ms, g.samples) for g in report.groups] == [
        ("slo:a", 19, 2.0, 4.0, 14), ("slo:b", 19, 1.0, 3.0, 0)]
    assert (report.total_mean_ms, report.total_rules) == (3.0, 38)
    assert report.rule_eval_quantiles_ms == {"0.5": 0.1}


def test_the_probes_verify_the_edge_against_the_project_ca_and_insist_on_tls(tmp_path):
    http = probes.config(tmp_path / "ca.pem")["modules"][probes.MODULE]["http"]
    assert http["tls_config"] == {"ca_file": str(tmp_path / "ca.pem")}
    assert http["fail_if_not_ssl"] is True
