"""After `cluster up`: every host runs what the placement gives it, and Ansible again changes
nothing (idempotent roles, restarts only on change)."""
import json

from harness.cluster import expect, lifecycle, placement
from harness.cluster.model import Cluster
from harness.model.topology import Topology
from tests.cluster import session


def test_every_host_runs_every_program_it_should(cluster_root, paths):
    result = session.astroshop(cluster_root, "cluster", "status", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    hosts = {host["name"]: host for host in report["hosts"]}
    assert sorted(hosts) == ["app1", "app2", "edge1"]
    made = Cluster.load(paths)
    topology = placement.topology(made)
    assert {name: sorted(host["programs"]) for name, host in hosts.items()} == {
        host.name: expect.programs(topology, host) for host in made.hosts}
    replicas = {program.rsplit("-", 1)[0] for host in hosts.values()
                for program in host["programs"]}
    assert set(Topology().names()) <= replicas, "a service of the model runs on no host"
    not_running = {(name, program): state for name, host in hosts.items()
                   for program, state in host["programs"].items() if state != "RUNNING"}
    assert not_running == {}
    assert all(host["link"] == "up" for host in hosts.values())


def test_a_second_deploy_changes_nothing(paths):
    recap = lifecycle.deploy(paths, session.QuietReporter())
    assert {host: (counts["changed"], counts["failed"]) for host, counts in recap.items()} == {
        "edge1": (0, 0), "app1": (0, 0), "app2": (0, 0)}
