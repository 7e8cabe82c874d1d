"""Alertmanager's config from the SLO policy, checked offline by the real amtool:
`check-config`, then `config routes test` for every kind of alert the rules raise."""
import pytest
import yaml

from harness.alerting import alertmanager, amtool
from harness.alerting.amtool import AmtoolFailed
from harness.slo import loader, rules
from harness.model.topology import FAST_ALERTS, Topology


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    path = tmp_path_factory.mktemp("am") / "alertmanager.yml"
    return alertmanager.write(Topology().shifted(4000), path)


def test_amtool_accepts_the_rendered_config(config):
    report = amtool.check_config(config)
    assert "SUCCESS" in report and "2 inhibit rules" in report and "3 receivers" in report


def test_every_alert_the_rules_raise_routes_to_its_severity(config):
    content = rules.render(loader.load_dir())
    alerts = [rule for group in content["groups"] for rule in group["rules"] if "alert" in rule]
    for alert in alerts:
        labels = {"alertname": alert["alert"], **alert["labels"]}
        expected = alertmanager.receiver_name(labels["severity"])
        assert amtool.routes_for(config, labels) == [expected], labels


def test_an_alert_of_no_known_severity_still_reaches_the_default_receiver(config):
    assert amtool.routes_for(config, {"alertname": "Other"}) == ["astroshop-default"]
    assert amtool.routes_for(config, {"alertname": "Other", "severity": "info"}) == [
        "astroshop-default"]


def test_every_receiver_is_a_webhook_to_the_harness_receiver(config):
    content = yaml.safe_load(config.read_text())
    urls = [hook["url"] for receiver in content["receivers"]
            for hook in receiver["webhook_configs"]]
    assert urls == [f"http://127.0.0.1:13096/hooks/{name}" for name in
                    ("astroshop-default", "astroshop-page", "astroshop-ticket")]
    assert all(hook["send_resolved"] for r in content["receivers"] for hook in r["webhook_configs"])


def test_grouping_is_by_objective_and_the_local_stack_is_fast():
    tree = alertmanager.route(Topology(alert_timing=FAST_ALERTS))
    assert tree["group_by"] == ["alertname", "slo"]
    assert (tree["group_wait"], tree["group_interval"]) == ("1s", "5s")
    assert alertmanager.route(Topology())["group_wait"] == "30s"


def test_a_config_with_an_unknown_receiver_is_refused(tmp_path):
    content = alertmanager.render(Topology())
    content["route"]["routes"][0]["receiver"] = "nobody"
    path = tmp_path / "alertmanager.yml"
    path.write_text(yaml.safe_dump(content))
    with pytest.raises(AmtoolFailed, match="nobody"):
        amtool.check_config(path)
