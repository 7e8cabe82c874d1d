"""`astroshop gate` end to end: check, load, wait for the final scrape, judge, report."""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console

from harness.gate import baseline as baselines
from harness.gate.breakpoint import analyse
from harness.gate.evaluate import evaluate
from harness.gate.policy import CANNOT_JUDGE, GatePolicy
from harness.gate.preflight import CannotJudge, Prepared, prepare
from harness.gate.verdict import Verdict, decide
from harness.load import groups, locuststats
from harness.load.launch import LoadError
from harness.load.locustcmd import LocustJob
from harness.load.session import planned, run_with_progress
from harness.load.settings import LoadSettings
from harness.load.window import LoadWindow
from harness.report import series, services, write
from harness.runs import new_run
from harness.slo.measure import MeasureError, wait_for_final_scrape

LEAD_IN_S = 10.0  # the plots start this long before the load, to show the quiet before it


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


def iso(t: float) -> str:
    """Epoch seconds as ISO 8601 UTC."""
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds")


def skeleton(run_id: str, options: GateOptions) -> dict:
    """The parts of gate.json known before anything runs."""
    plan = planned(options.settings)
    return {"run_id": run_id, "kind": "gate", "profile": options.settings.profile,
            "target": options.target, "prometheus": options.prometheus_url,
            "started": iso(time.time()), "settings": asdict(options.settings),
            "plan": {"seconds": plan.total_s, "peak_users": plan.peak_users, "pace": plan.pace},
            "policy": options.policy.as_dict(), "window": None, "baseline": None,
            "objectives": [], "services": [], "locust": None, "breakpoint": None,
            "files": {"report": "report.html", "junit": "junit.xml", "locust_html": "locust.html",
                      "locust_csv": ["locust_stats.csv", "locust_stats_history.csv",
                                     "locust_failures.csv", "locust_exceptions.csv"]}}


def judged(prep: Prepared, options: GateOptions, folder: Path, gate: dict,
           console: Console) -> tuple[Verdict, dict | None]:
    """Run the load and judge it; fill `gate`; return the verdict and the plot series."""
    job = LocustJob(options.target, folder, options.workers, False, options.port_offset)
    outcome = run_with_progress(job, options.settings, console)
    window: LoadWindow = outcome.window
    console.print("waiting for Prometheus' final scrape ...")
    settled = wait_for_final_scrape(prep.client, window.end, settle_s=options.settle_s)
    gate["window"] = {**window.as_dict(), "settled": settled, "seconds": window.seconds,
                      "start_iso": iso(window.start), "end_iso": iso(window.end),
                      "settled_iso": iso(settled)}
    earlier = baselines.by_objective(prep.baseline) if prep.baseline else None
    results = evaluate(prep.client, prep.objectives, window.start, settled, options.policy,
                       earlier, groups.merged(folder))
    gate["objectives"] = [result.as_dict() for result in results]
    gate["services"] = services.red_table(prep.client, window.start, settled)
    gate["locust"] = locuststats.summary(job.csv_prefix.with_name("locust_stats.csv"),
                                         outcome.locust_cpu_s)
    if options.settings.profile == "breakpoint":
        gate["breakpoint"] = analyse(prep.client, prep.objectives, window, settled,
                                     options.policy)
    verdict = decide(results, options.policy)
    if outcome.timed_out:
        verdict = Verdict(CANNOT_JUDGE, verdict.score,
                          ["Locust overran its plan and was stopped", *verdict.reasons])
    return verdict, series.fetch(prep.client, prep.objectives, window.start - LEAD_IN_S,
                                 settled, window.start)


def run_gate(options: GateOptions, console: Console) -> tuple[dict, Path]:
    """The whole gate; returns gate.json's content and the report folder."""
    began = time.monotonic()
    run_id, folder = new_run("gate")
    gate = skeleton(run_id, options)
    plot_series = baseline_series = None
    try:
        prep = prepare(options.slo_dir, options.prometheus_url, options.target,
                       options.baseline, options.settings.profile, run_id)
        if prep.baseline_folder:
            gate["baseline"] = {"run_id": prep.baseline_folder.name,
                                "status": prep.baseline.get("verdict", {}).get("status")}
            baseline_series = write.read_series(prep.baseline_folder)
        verdict, plot_series = judged(prep, options, folder, gate, console)
    except (CannotJudge, LoadError, MeasureError) as exc:
        verdict = Verdict(CANNOT_JUDGE, None, [str(exc)])
    gate["verdict"] = verdict.as_dict()
    gate["wall_time_s"] = time.monotonic() - began
    write.write_all(folder, gate, plot_series, baseline_series)
    return gate, folder
