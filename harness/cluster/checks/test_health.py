"""Health endpoints: every replica's /readyz, Envoy's /ready and Prometheus's /-/ready answer
200 when asked from the host itself."""
import json

from harness.cluster.checks import expected
from harness.cluster.probe import PROBE


def test_every_health_endpoint_answers_200(host):
    urls = expected.of(host)["health"]
    result = host.run("/usr/bin/python3 -c %s" + " %s" * len(urls), PROBE, *urls)
    answers = json.loads(result.stdout)
    assert {url: answer for url, answer in answers.items() if answer != 200} == {}
    assert sorted(answers) == sorted(urls)
