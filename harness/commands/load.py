"""`astroshop load`: run a named load profile with Locust, headless or with its web UI."""
from __future__ import annotations

import json

import click
from rich.console import Console

from harness import prometheus
from harness.commands.errors import fail
from harness.commands.load_options import (envoy_flush_s, load_options, settings_from,
                                           slo_dir_option)
from harness.exits import Exit
from harness.gate.breakpoint import analyse
from harness.gate.policy import GatePolicy
from harness.load import locuststats
from harness.load.launch import LoadError
from harness.load.locustcmd import LocustJob
from harness.load.session import run_with_progress
from harness.report.summary import print_breakpoint, print_locust
from harness.runs import new_run
from harness.slo import loader
from harness.slo.measure import MeasureError, wait_for_final_scrape
from harness.stack.runner import Stack

console = Console()


def breakpoint_judge(slo_dir, prometheus_url: str, settle_s: float):
    """For a breakpoint run, checked before the load: a function judging its stages."""
    client, objectives = prometheus.connect(prometheus_url), loader.load_dir(slo_dir)

    def judge(window) -> dict:
        """Every stage judged from Prometheus; the highest rate that held."""
        settled = wait_for_final_scrape(client, window.end, settle_s=settle_s)
        return analyse(client, objectives, window, settled, GatePolicy())

    return judge


@click.command()
@load_options
@click.option("--web", is_flag=True, help="Serve Locust's web UI (port 8089 + port offset).")
@click.option("--prometheus", "prometheus_url", default=None,
              help="Prometheus for the breakpoint verdicts [default: the local stack's].")
@slo_dir_option
def load(profile, target, workers, duration, scale, users, rate, web, prometheus_url, slo_dir):
    """Run a load profile against the shop; Locust's CSV and HTML go to reports/<run-id>/."""
    settings = settings_from(profile, duration, scale, users, rate)
    stack = Stack.current()
    run_id, folder = new_run("load")
    job = LocustJob(target or stack.public_url(), folder, workers, web,
                    stack.options().port_offset)
    console.print(f"load {run_id}: profile {profile} against {job.target}")
    try:
        judge = breakpoint_judge(slo_dir, prometheus_url or stack.prometheus_url(),
                                 envoy_flush_s(stack)) if profile == "breakpoint" else None
        outcome = run_with_progress(job, settings, console)
        result = {"run_id": run_id, "kind": "load", "profile": profile, "target": job.target,
                  "settings": settings.__dict__, "window": outcome.window.as_dict(),
                  "locust": locuststats.summary(folder / "locust_stats.csv",
                                                outcome.locust_cpu_s)}
        if judge is not None:
            result["breakpoint"] = judge(outcome.window)
    except (LoadError, MeasureError, prometheus.PrometheusUnreachable,
            loader.SpecError) as exc:
        fail(f"cannot run or judge the load: {exc}", Exit.CANNOT_JUDGE)
    (folder / "load.json").write_text(json.dumps(result, indent=2))
    print_locust(console, result["locust"])
    if result.get("breakpoint"):
        print_breakpoint(console, result["breakpoint"])
    console.print(f"report folder: {folder} (Locust: {folder / 'locust.html'})")
