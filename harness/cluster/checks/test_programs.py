"""Processes: every expected program RUNNING under the host's supervisor, as the right user."""
from harness.cluster.checks import expected


def test_the_supervisor_runs_exactly_the_expected_programs(host):
    status = expected.supervisor_status(host)
    assert sorted(status) == expected.of(host)["programs"]
    assert {name: state for name, (state, _) in status.items() if state != "RUNNING"} == {}


def test_every_program_runs_as_its_user(host):
    pids = {pid: name for name, (_, pid) in expected.supervisor_status(host).items() if pid}
    result = host.run("ps -o pid=,user= -p %s", ",".join(map(str, pids)))
    users = {pids[int(pid)]: user for pid, user in map(str.split, result.stdout.splitlines())}
    assert users == expected.of(host)["users"]
    assert "root" not in {user for name, user in users.items() if name != "envoy"}


def test_every_replicas_metrics_are_its_own(host):
    for name, user in expected.of(host)["users"].items():
        if user.startswith("astroshop-"):
            folder = host.file(f"{expected.of(host)['metrics_dir']}/{name}")
            assert (folder.user, folder.mode) == (user, 0o700), name
