"""Replicas are reached through Envoy only: a service's user on one host is refused a
replica's port on another host, where root (Envoy's user) gets an answer."""
import json

import pytest

from harness.cluster.checks import expected
from harness.cluster.checks.test_health import PROBE


def probe(host, user: str, url: str):
    """The answer to GET `url` from `host`, asked as `user`: a status code or an error."""
    result = host.run("runuser -u %s -- /usr/bin/python3 -c %s %s", user, PROBE, url)
    return json.loads(result.stdout)[url]


def test_a_service_user_cannot_reach_another_hosts_replica_but_envoys_user_can(host):
    users = {user for user in expected.of(host)["users"].values()
             if user.startswith("astroshop-")}
    foreign = expected.of(host)["foreign_replicas"]
    if not users or not foreign:
        pytest.skip("no replica runs on this host, so no service code to contain here")
    url = foreign[0]
    assert probe(host, "root", url) == 200
    for user in sorted(users):
        answer = probe(host, user, url)
        assert answer != 200 and "refused" in str(answer).lower(), (user, answer)
