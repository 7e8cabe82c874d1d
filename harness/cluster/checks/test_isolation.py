"""Replicas are reached through Envoy only: on every host only Envoy's user (and Prometheus)
may open a replica's port on another host; root and every service's user are refused."""
import json

import pytest

from harness.cluster.checks import expected
from harness.cluster.probe import PROBE


def probe(host, user: str, url: str):
    """The answer to GET `url` from `host`, asked as `user`: a status code or an error."""
    result = host.run("runuser -u %s -- /usr/bin/python3 -c %s %s", user, PROBE, url)
    return json.loads(result.stdout)[url]


def test_only_envoys_user_reaches_another_hosts_replica(host):
    checks = expected.of(host)
    foreign = checks["foreign_replicas"]
    if "envoy" not in checks["users"] or not foreign:
        pytest.skip("no Envoy on this host, so nothing here may call another host's replica")
    url = foreign[0]
    assert probe(host, checks["users"]["envoy"], url) == 200
    for user in sorted({"root", *checks["service_users"]}):
        answer = probe(host, user, url)
        assert answer != 200 and "refused" in str(answer).lower(), (user, answer)
