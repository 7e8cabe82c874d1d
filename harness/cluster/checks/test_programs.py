"""Processes: every expected program RUNNING under the host's supervisor, as the right user
(none as root, Envoy included) and without any capability."""
from harness.cluster.checks import expected


def test_the_supervisor_runs_exactly_the_expected_programs(host):
    status = expected.supervisor_status(host)
    assert sorted(status) == expected.of(host)["programs"]
    assert {name: state for name, (state, _) in status.items() if state != "RUNNING"} == {}


def running(host) -> dict[str, int]:
    """program -> pid of every program the supervisor runs."""
    return {name: pid for name, (_, pid) in expected.supervisor_status(host).items() if pid}


def test_every_program_runs_as_its_user(host):
    pids = {pid: name for name, pid in running(host).items()}
    result = host.run("ps -o pid=,user:32= -p %s", ",".join(map(str, pids)))
    users = {pids[int(pid)]: user for pid, user in map(str.split, result.stdout.splitlines())}
    assert users == expected.of(host)["users"]
    assert "root" not in users.values()


def test_no_program_holds_a_capability(host):
    for name, pid in running(host).items():
        status = host.file(f"/proc/{pid}/status").content_string
        effective = next(line.split()[1] for line in status.splitlines()
                         if line.startswith("CapEff:"))
        assert int(effective, 16) == 0, (name, effective)


def test_every_replicas_metrics_are_its_own(host):
    for name, user in expected.of(host)["users"].items():
        if user in expected.of(host)["service_users"]:
            folder = host.file(f"{expected.of(host)['metrics_dir']}/{name}")
            assert (folder.user, folder.mode) == (user, 0o700), name
