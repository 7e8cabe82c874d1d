"""Health endpoints: every replica's /readyz, Envoy's /ready and Prometheus's /-/ready answer
200 when asked from the host itself."""
from harness.cluster.checks import expected

PROBE = ("/usr/bin/python3 -c 'import sys, urllib.request; "
         "print(urllib.request.urlopen(sys.argv[1], timeout=5).status)' {url}")


def test_every_health_endpoint_answers_200(host):
    failing = {}
    for url in expected.of(host)["health"]:
        result = host.run(PROBE.format(url=url))
        if result.stdout.strip() != "200":
            failing[url] = (result.stdout + result.stderr).strip()[-200:]
    assert failing == {}
