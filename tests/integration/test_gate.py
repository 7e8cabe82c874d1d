"""`astroshop gate` against the real stack: a clean smoke passes; a service slowed through
Envoy's fault filter fails the storefront latency objective, named in the report; the
baseline comparison (Mann-Whitney U on every API request of both runs) catches the latency that
more than doubled; and what cannot be judged
exits 3 with the reason."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.faults import envoy as envoy_faults
from harness.gateresult import EXIT_CODES, GateResult
from harness.report.listing import Run, read_run
from tests.support import ports

ASTROSHOP = str(Path(sys.executable).with_name("astroshop"))
SLOW_SERVICE = "catalog"


def delay_for(baseline_p95_ms: float) -> int:
    """A delay that makes every call through catalog take over thrice the baseline's p95
    (at least 300 ms, the storefront threshold; at most 1 s, inside the callers' timeouts)."""
    return int(min(1000, max(300, 3 * baseline_p95_ms)))


def astroshop(reports: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the CLI with its reports in `reports`; output captured, bounded in time."""
    env = {**os.environ, "ASTROSHOP_REPORTS_DIR": str(reports), "COLUMNS": "200"}
    return subprocess.run([ASTROSHOP, *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def run_of(result: subprocess.CompletedProcess, reports: Path) -> Run:
    """The kept run a gate command printed the id of."""
    found = re.search(r"^RUN_ID=(\S+)$", result.stdout, re.MULTILINE)
    assert found, result.stdout + result.stderr
    return read_run(found.group(1), reports)


def gate_of(result: subprocess.CompletedProcess, reports: Path) -> GateResult:
    """The gate result of the run a gate command printed the id of."""
    return run_of(result, reports).gate


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return tmp_path_factory.mktemp("reports")


@pytest.fixture(scope="module")
def clean(stack, reports):
    """The smoke gate on the clean stack: (process, gate result)."""
    result = astroshop(reports, "gate", "--profile", "smoke")
    return result, gate_of(result, reports)


@pytest.fixture(scope="module")
def slowed(stack, reports, clean):
    """A shorter smoke gate with every mesh call to catalog delayed, against the clean run."""
    baseline_p95 = clean[1].objective("api-latency").percentiles_ms.get("p95") or 100.0
    envoy_faults.delay(stack, SLOW_SERVICE, delay_for(baseline_p95))
    try:
        result = astroshop(reports, "gate", "--profile", "smoke", "--duration", "30",
                           "--baseline", clean[1].run_id)
    finally:
        envoy_faults.clear(stack, SLOW_SERVICE)
    return result, gate_of(result, reports)


def test_a_clean_smoke_gate_passes_with_every_objective_judged(clean):
    result, gate = clean
    assert gate.verdict.status in ("pass", "warning"), result.stdout + result.stderr
    assert result.returncode == EXIT_CODES[gate.verdict.status] == gate.verdict.exit_code
    assert all(o.status != "cannot judge" for o in gate.objectives)
    assert not [o.name for o in gate.objectives if o.key and o.status == "fail"]
    print(f"clean smoke gate: {gate.verdict}, wall time {gate.wall_time_s:.1f} s")


def test_locust_and_prometheus_count_the_same_checkouts(clean):
    checkout = clean[1].objective("checkout-success")
    assert checkout.locust["requests"] == pytest.approx(checkout.total, abs=1)


def test_the_clean_report_has_its_plots_junit_and_locusts_files(clean, reports):
    gate = clean[1]
    folder = run_of(clean[0], reports).folder
    page = (folder / "report.html").read_text()
    assert page.count('src="data:image/png;base64,') >= 7
    junit = (folder / "junit.xml").read_text()
    assert junit.count("<testcase") == len(gate.objectives)
    for name in ("locust.html", "locust_stats.csv", "locust_stats_history.csv", "series.json"):
        assert (folder / name).stat().st_size > 0, name
    shown = astroshop(reports, "report", "show", gate.run_id)
    assert shown.returncode == 0 and "edge-availability" in shown.stdout


def test_a_slowed_service_fails_the_storefront_latency_objective_by_name(slowed, reports):
    result, gate = slowed
    print("slowed smoke gate:", [(o.name, o.status, o.total) for o in gate.objectives])
    assert result.returncode == 1, result.stdout + result.stderr
    storefront = gate.objective("storefront-latency")
    assert storefront.status == "fail"
    assert storefront.checks[0].status == "fail"
    assert any("storefront-latency failed" in reason for reason in gate.verdict.reasons)
    assert "storefront-latency" in result.stdout
    folder = run_of(result, reports).folder
    page = (folder / "report.html").read_text()
    assert '<tr class="fail">\n  <td><b>storefront-latency</b>' in page
    junit = (folder / "junit.xml").read_text()
    assert 'name="storefront-latency"' in junit and "<failure" in junit


def test_the_baseline_catches_the_api_p95_that_more_than_doubled(slowed, clean, reports):
    gate, baseline = slowed[1], clean[1]
    assert gate.baseline.run_id == baseline.run_id
    api = gate.objective("api-latency")
    check = next(c for c in api.checks if c.name == "baseline tail")
    before = baseline.objective("api-latency").percentiles_ms["p95"]
    assert api.percentiles_ms["p95"] >= 2 * before
    assert check.status == "fail" and api.status == "fail"
    # the release's statistics on every API request of both runs: the share past the old p95
    # limit, significantly above the baseline's (Fisher), with what the sample could detect
    test = check.comparison
    assert test.verdict == "worse" and test.ci_low > 0 and test.mde is not None
    assert "have seen a worsening of" in check.detail
    assert any(c.name == "baseline latency" and c.comparison for c in api.checks)
    compared = astroshop(reports, "report", "compare", baseline.run_id, gate.run_id)
    assert compared.returncode == 0 and "api-latency" in compared.stdout


def test_an_unreachable_prometheus_cannot_be_judged(stack, reports):
    with ports.single_port() as closed:
        url = f"http://127.0.0.1:{closed.port}"
        result = astroshop(reports, "gate", "--prometheus", url, timeout=60)
    assert result.returncode == 3
    assert f"Prometheus at {url} is unreachable" in result.stdout
    assert gate_of(result, reports).verdict.status == "cannot judge"


def test_a_bad_spec_cannot_be_judged_and_is_named(stack, reports, tmp_path):
    (tmp_path / "broken.yaml").write_text(
        "objectives:\n  - name: broken\n    description: d\n    sli: {good: 'up'}\n"
        "    target: 0.99\n")
    result = astroshop(reports, "gate", "--slo", str(tmp_path), timeout=60)
    assert result.returncode == 3
    assert "broken.yaml: objective 'broken' field 'sli'" in result.stdout
    junit = (run_of(result, reports).folder / "junit.xml").read_text()
    assert "<error" in junit


def test_a_target_that_is_down_cannot_be_judged(stack, reports):
    with ports.single_port() as closed:
        url = f"http://127.0.0.1:{closed.port}"
        result = astroshop(reports, "gate", "--target", url, timeout=60)
    assert result.returncode == 3 and f"the target {url} does not answer" in result.stdout
    assert gate_of(result, reports).verdict.exit_code == 3
