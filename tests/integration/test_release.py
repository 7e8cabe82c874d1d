"""The fast release case of `make test`: a canary that crashes at start is rolled back before
it gets any traffic, and stable is left as it was (the slow cases: tests/release/)."""
from harness.envoy.admin import host_health
from harness.release import weights
from tests.support import builds
from tests.support.release import astroshop, healthz, policy, release


def test_a_canary_that_crashes_at_start_is_rolled_back_before_any_traffic(stack, tmp_path):
    topology = stack.topology()
    before = healthz(topology.endpoints("catalog")[0].address)
    source = builds.source_copy(tmp_path / "src", builds.CRASHING_CATALOG)
    # a start limit far above the crash's second or so: on a crowded machine the worker's
    # imports alone can take half a minute, and the case is the crash, not the limit
    patient = policy(tmp_path, start_timeout_seconds=180)
    done, result = release("catalog", "--source", str(source), "--policy", str(patient),
                           reports=tmp_path / "reports")
    assert done.returncode == 1, done.stderr
    assert result.decision == "rolled back" and not result.steps
    assert "before any traffic" in result.reason and "did not start" in result.reason
    assert weights.canary_share(stack.envoy_admin(), "catalog") == 0
    assert not any(name.startswith("catalog-canary") for name in stack.states())
    log = stack.paths.log_of("catalog-canary-0")
    assert "this build cannot start" in log.read_text()  # its log is kept
    assert healthz(topology.endpoints("catalog")[0].address)["version"] == before["version"]
    assert all(ok for _, ok in host_health(stack.envoy_admin())["catalog"])
    junit = (tmp_path / "reports" / result.run_id / "junit.xml").read_text()
    assert "<failure" in junit and "did not start" in junit
    status = astroshop("release", "status", "--json", reports=tmp_path / "reports")
    assert '"decision": "rolled back"' in status.stdout
