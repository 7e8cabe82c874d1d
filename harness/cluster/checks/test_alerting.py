"""Alerting on the cluster: every host's exporters answer with their store or host reached
(`pg_up 1`, `redis_up 1`, node_exporter's own metrics); on the monitoring host Alertmanager's
config passes `amtool check-config` and routes a page and a ticket to their receivers, and
Prometheus sends its alerts to that Alertmanager."""
import json

import pytest

from harness.cluster.checks import expected

METRICS = """
import json, sys, urllib.request
found = {}
for url, name in zip(sys.argv[1::2], sys.argv[2::2]):
    text = urllib.request.urlopen(url, timeout=10).read().decode()
    found[url] = [line.split()[-1] for line in text.splitlines()
                  if line.split(" ")[0].split("{")[0] == name]
print(json.dumps(found))
"""


def test_every_exporter_reaches_what_it_watches(host):
    wanted = expected.of(host)["alerting"]["exporters"]
    pairs = [part for item in wanted.items() for part in item]
    result = host.run("/usr/bin/python3 -c %s" + " %s" * len(pairs), METRICS, *pairs)
    assert result.rc == 0, result.stderr
    found = json.loads(result.stdout)
    assert {url: values for url, values in found.items() if values != ["1"]} == {}


def monitoring(host) -> dict:
    """The monitoring expectations of `host`; skips a host without Alertmanager."""
    checks = expected.of(host)["alerting"]
    if "alertmanager" not in checks:
        pytest.skip("Alertmanager runs on the monitoring host only")
    return checks


@pytest.mark.parametrize("severity, receiver", [("page", "astroshop-page"),
                                                ("ticket", "astroshop-ticket")])
def test_alertmanager_routes_each_severity_to_its_receiver(host, severity, receiver):
    config = monitoring(host)["alertmanager_config"]
    assert host.run("/usr/bin/amtool check-config %s", config).rc == 0
    routed = host.run("/usr/bin/amtool config routes test --config.file=%s %s %s", config,
                      "alertname=SLOErrorBudgetBurn", f"severity={severity}")
    assert routed.stdout.strip() == receiver, routed.stdout + routed.stderr


def test_prometheus_sends_its_alerts_to_the_alertmanager_beside_it(host):
    checks = monitoring(host)
    answer = host.run("/usr/bin/python3 -c %s %s", "import sys, urllib.request; print(urllib."
                      "request.urlopen(sys.argv[1], timeout=10).read().decode())",
                      f"{checks['prometheus']}/api/v1/alertmanagers")
    active = json.loads(answer.stdout)["data"]["activeAlertmanagers"]
    assert [a["url"] for a in active] == [f"http://{checks['alertmanager']}/api/v2/alerts"]
