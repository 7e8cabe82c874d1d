"""Processes: every expected program RUNNING under the host's supervisor, as the right user."""
from harness.cluster.checks import expected

USERS = {"postgresql": "postgres", "redis": "redis", "prometheus": "prometheus"}


def test_the_supervisor_runs_exactly_the_expected_programs(host):
    states = expected.supervisor_states(host)
    assert sorted(states) == expected.of(host)["programs"]
    assert {name: state for name, state in states.items() if state != "RUNNING"} == {}


def test_every_program_runs_as_its_user(host):
    supervisorctl = " ".join(expected.of(host)["supervisorctl"])
    for name in expected.of(host)["programs"]:
        pid = int(host.check_output(f"{supervisorctl} pid {name}"))
        assert host.process.get(pid=pid).user == USERS.get(name, "root"), name
