"""Processes: every expected program RUNNING under the host's supervisor, as the right user."""
from harness.cluster.checks import expected

USERS = {"postgresql": "postgres", "redis": "redis", "prometheus": "prometheus"}


def test_the_supervisor_runs_exactly_the_expected_programs(host):
    status = expected.supervisor_status(host)
    assert sorted(status) == expected.of(host)["programs"]
    assert {name: state for name, (state, _) in status.items() if state != "RUNNING"} == {}


def test_every_program_runs_as_its_user(host):
    pids = {pid: name for name, (_, pid) in expected.supervisor_status(host).items() if pid}
    result = host.run("ps -o pid=,user= -p %s", ",".join(map(str, pids)))
    users = {pids[int(pid)]: user for pid, user in map(str.split, result.stdout.splitlines())}
    assert users == {name: USERS.get(name, "root") for name in pids.values()}
