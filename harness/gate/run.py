"""`astroshop gate` end to end: check, load, wait for the final scrape, judge, report."""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console

from harness.gate import baseline as baselines, samples as request_samples
from harness.gate.breakpoint import analyse
from harness.gate.evaluate import evaluate
from harness.gate.policy import GatePolicy
from harness.gate.preflight import CannotJudge, Prepared, prepare
from harness.gate.verdict import decide
from harness.gateresult import CANNOT_JUDGE, FAIL, BaselineRef, GateResult, Verdict
from harness.load import groups, locuststats
from harness.load.launch import LoadError
from harness.load.locustcmd import LocustJob
from harness.load.session import planned, run_with_progress
from harness.load.settings import LoadSettings
from harness.report import series, services, write
from harness.runs import new_run
from harness.slo.measure import MeasureError, wait_for_final_scrape

LEAD_IN_S = 10.0  # the plots start this long before the load, to show the quiet before it
LOCUST_CSV = ["locust_stats.csv", "locust_stats_history.csv", "locust_failures.csv",
              "locust_exceptions.csv"]


@dataclass(frozen=True)
class GateOptions:
    """Everything `astroshop gate` was asked for."""

    settings: LoadSettings
    target: str
    prometheus_url: str
    slo_dir: Path
    baseline: str | None
    policy: GatePolicy
    settle_s: float
    workers: int = 0
    port_offset: int = 0
    fail_on: str = FAIL
    access_log: Path | None = None  # the local stack's Envoy log: per-request samples


def iso(t: float) -> str:
    """Epoch seconds as ISO 8601 UTC."""
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds")


def header(run_id: str, options: GateOptions) -> dict:
    """The parts of the result known before anything runs."""
    plan = planned(options.settings)
    return {"run_id": run_id, "profile": options.settings.profile, "target": options.target,
            "prometheus": options.prometheus_url, "started": iso(time.time()),
            "settings": asdict(options.settings), "policy": options.policy.as_dict(),
            "plan": {"seconds": plan.total_s, "peak_users": plan.peak_users, "pace": plan.pace},
            "fail_on": options.fail_on,
            "files": {"report": "report.html", "junit": "junit.xml",
                      "locust_html": "locust.html", "locust_csv": LOCUST_CSV}}


def judged(prep: Prepared, options: GateOptions, folder: Path,
           console: Console) -> tuple[dict, Verdict, dict | None]:
    """Run the load and judge it: what it adds to the result, the verdict, the plot series."""
    job = LocustJob(options.target, folder, options.workers, False, options.port_offset)
    outcome = run_with_progress(job, options.settings, console)
    window = outcome.window
    console.print("waiting for Prometheus' final scrape ...")
    try:
        settled = wait_for_final_scrape(prep.client, window.end, settle_s=options.settle_s)
    except MeasureError as exc:
        return {"window": window.as_dict()}, Verdict.of(CANNOT_JUDGE, None, [str(exc)]), None
    earlier = baselines.by_objective(prep.baseline) if prep.baseline else None
    samples = request_samples.collect(options.access_log, window.start, window.end)
    request_samples.write(folder, samples)
    results = evaluate(prep.client, prep.objectives, window.start, settled, options.policy,
                       earlier, groups.merged(folder),
                       (samples, request_samples.read(prep.baseline_folder)))
    measured = {
        "window": {**window.as_dict(), "settled": settled, "seconds": window.seconds,
                   "start_iso": iso(window.start), "end_iso": iso(window.end),
                   "settled_iso": iso(settled)},
        "objectives": results, "services": services.red_table(prep.client, window.start, settled),
        "locust": locuststats.summary(job.csv_prefix.with_name("locust_stats.csv"),
                                      outcome.locust_cpu_s),
        "breakpoint": analyse(prep.client, prep.objectives, window, settled, options.policy)
        if options.settings.profile == "breakpoint" else None}
    verdict = decide(results, options.policy, options.fail_on)
    if outcome.timed_out:
        verdict = Verdict.of(CANNOT_JUDGE, verdict.score,
                             ["Locust overran its plan and was stopped", *verdict.reasons])
    return measured, verdict, series.fetch(prep.client, prep.objectives,
                                           window.start - LEAD_IN_S, settled, window.start)


def run_gate(options: GateOptions, console: Console) -> tuple[GateResult, Path]:
    """The whole gate; returns its result (also in gate.json) and the report folder."""
    began = time.monotonic()
    run_id, folder = new_run("gate")
    known, measured, baseline = header(run_id, options), {}, None
    plot_series = baseline_series = None
    try:
        prep = prepare(options.slo_dir, options.prometheus_url, options.target,
                       options.baseline, options.settings.profile, run_id)
        if prep.baseline_folder:
            baseline = BaselineRef(run_id=prep.baseline_folder.name,
                                   status=prep.baseline.verdict.status)
            baseline_series = write.read_series(prep.baseline_folder)
        measured, verdict, plot_series = judged(prep, options, folder, console)
    except (CannotJudge, LoadError, MeasureError) as exc:
        verdict = Verdict.of(CANNOT_JUDGE, None, [str(exc)])
    result = GateResult(**known, **measured, baseline=baseline, verdict=verdict,
                        wall_time_s=time.monotonic() - began)
    write.write_all(folder, result, plot_series, baseline_series)
    return result, folder
