"""After `cluster up`: every host runs what the placement gives it, and Ansible again changes
nothing (idempotent roles, restarts only on change)."""
import json

from harness.cluster import lifecycle
from tests.cluster import session


def test_every_host_runs_every_program_it_should(cluster_root):
    result = session.astroshop(cluster_root, "cluster", "status", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    hosts = {host["name"]: host for host in report["hosts"]}
    assert sorted(hosts) == ["app1", "app2", "edge1"]
    assert sorted(hosts["edge1"]["programs"]) == ["envoy", "frontend-0", "postgresql",
                                                  "prometheus", "redis"]
    assert len(hosts["app1"]["programs"]) == len(hosts["app2"]["programs"]) == 10
    not_running = {(name, program): state for name, host in hosts.items()
                   for program, state in host["programs"].items() if state != "RUNNING"}
    assert not_running == {}
    assert all(host["link"] == "up" for host in hosts.values())


def test_a_second_deploy_changes_nothing(paths):
    recap = lifecycle.deploy(paths, session.QuietReporter())
    assert {host: (counts["changed"], counts["failed"]) for host, counts in recap.items()} == {
        "edge1": (0, 0), "app1": (0, 0), "app2": (0, 0)}
