"""`astroshop dashboards build | verify | snapshot`: grafanalib dashboards, checked live."""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

import click
from rich.console import Console

from harness import prometheus, runs
from harness.commands.errors import fail
from harness.dashboards import checks, live, provisioning, snapshot, sources, warmup
from harness.dashboards.sources import DashboardSourceError
from harness.exits import Exit
from harness.stack.runner import Stack

console = Console(highlight=False)


def built(only: tuple[str, ...] = ()) -> list[dict]:
    """The JSON models of every dashboard (or of the uids in `only`); exit 2 on a bad source."""
    try:
        models = [sources.to_json(d) for d in sources.load_all()]
    except DashboardSourceError as exc:
        fail(str(exc), Exit.USAGE)
    unknown = set(only) - {m["uid"] for m in models}
    if unknown:
        fail(f"no dashboard with uid {', '.join(sorted(unknown))}; known: "
             + ", ".join(m["uid"] for m in models), Exit.USAGE)
    return [m for m in models if not only or m["uid"] in only]


def connect(url: str | None):
    """A checked Prometheus client for `url` or the stack of the run directory."""
    try:
        return prometheus.connect(url or Stack.current().prometheus_url())
    except prometheus.PrometheusUnreachable as exc:
        fail(str(exc), Exit.CANNOT_JUDGE)


@click.group()
def dashboards():
    """Dashboards as code (dashboards/*.dashboard.py)."""


url_option = click.option("--url", help="Prometheus base URL (default: the stack of "
                                        "$ASTROSHOP_RUN_DIR).")
only_option = click.option("--dashboard", "only", multiple=True, metavar="UID",
                           help="Only this dashboard (repeatable).")


@dashboards.command()
@click.option("--out", type=click.Path(path_type=Path), default=provisioning.DEFAULT_OUT,
              show_default=True)
@url_option
def build(out, url):
    """Write Grafana JSON and provisioning files (datasource, dashboard provider)."""
    stack = Stack.current()
    try:
        written = provisioning.write(sources.load_all(), out, url or stack.prometheus_url(),
                                     stack.options().scrape_interval_s)
    except DashboardSourceError as exc:
        fail(str(exc), Exit.USAGE)
    console.print(f"wrote {len(written) - 2} dashboards and 2 provisioning files under {out}")


@dashboards.command()
@url_option
@only_option
@click.option("--warm-up", type=float, default=0.0, show_default=True, metavar="SECONDS",
              help="First drive this many seconds of shop traffic through the stack's edge.")
def verify(url, only, warm_up):
    """Check uids, units and counter use, then run every panel query against Prometheus."""
    models = built(only)
    client = connect(url)
    if warm_up > 0:
        stack = Stack.current()
        try:
            counts = warmup.drive_or_explain(stack.public_url(), warm_up)
        except RuntimeError as exc:
            fail(str(exc))
        console.print(f"warm-up: {counts['requests']} requests, {counts['orders']} orders; "
                      "waiting two scrapes")
        time.sleep(2 * stack.options().scrape_interval_s + 1)
    panels = [p for m in models for p in sources.panels(m)]
    problems = checks.static_problems(models, panels, live.metric_types(client))
    skipped = {} if only else live.unscraped(client, models)  # a dashboard named must pass
    for uid, jobs in skipped.items():
        console.print(f"[yellow]skip[/] {uid}: this Prometheus scrapes no {', '.join(jobs)} "
                      "job (nothing here runs it); name it with --dashboard to insist")
    checked = [p for m in models if m["uid"] not in skipped for p in sources.panels(m)]
    report = live.run_all(client, checked)
    problems += report.problems
    for problem in problems:
        console.print(f"[red]FAIL[/] {problem}")
    if problems:
        fail(f"{len(problems)} problem(s) in {len(models)} dashboards")
    console.print(f"[green]ok[/] {len(models) - len(skipped)} dashboards, {len(checked)} panels, "
                  f"{report.queries} queries with data"
                  f"{f'; {len(skipped)} skipped' if skipped else ''}")


@dashboards.command("snapshot")
@url_option
@only_option
@click.option("--minutes", type=float, default=15.0, show_default=True,
              help="How far back the graphs go.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Folder for the PNGs (default: a new reports/<run-id>/dashboards/).")
def snapshot_command(url, only, minutes, out):
    """Draw every panel as a PNG from Prometheus range queries (no Grafana needed)."""
    models = built(only)
    client = connect(url)
    if out is None:
        out = runs.new_run("snapshot")[1] / "dashboards"
    end = datetime.now()
    pictures = snapshot.snapshot(client, {m["uid"]: sources.panels(m) for m in models}, out,
                                 end - timedelta(minutes=minutes), end,
                                 Stack.current().options().scrape_interval_s)
    empty = [p for p in pictures if not p.series]
    for picture in empty:
        console.print(f"[yellow]no data[/] {picture.dashboard} / {picture.panel}")
    console.print(f"wrote {len(pictures)} PNGs ({len(empty)} without data) under {out}")
