"""`astroshop slo rules | check | status`: SLOs as code, from slo/*.yaml."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from harness import prometheus
from harness.commands.errors import fail
from harness.exits import Exit
from harness.slo import cost, loader, promtool, rules, status
from harness.slo.loader import SpecError
from harness.slo.promtool import PromtoolFailed
from harness.stack.runner import Stack

console = Console()
SHORT_HELP = "Windows divided by 60 (1h -> 1m), for live fault tests."


def objectives(spec_dir: Path):
    """The objectives of `spec_dir`, or exit 2 naming what is wrong with the specs."""
    try:
        return loader.load_dir(spec_dir)
    except SpecError as exc:
        fail(str(exc), Exit.USAGE)


@click.group()
def slo():
    """SLOs as code: Prometheus rules, their tests, and the live status."""


spec_option = click.option("--specs", "spec_dir", type=click.Path(path_type=Path),
                           default=loader.SPEC_DIR, show_default=True, help="Spec folder.")


@slo.command("rules")
@spec_option
@click.option("--short-window", is_flag=True, help=SHORT_HELP)
@click.option("--out", type=click.Path(path_type=Path), help="Write slo.rules.yml here.")
@click.option("--apply", is_flag=True,
              help="Write into the running stack's rules and reload its Prometheus.")
def rules_command(spec_dir, short_window, out, apply):
    """Recording rules and multi-window burn-rate alerts (stdout unless --out/--apply)."""
    found = objectives(spec_dir)
    if not (out or apply):
        click.echo(rules.dump(rules.render(found, short_window)), nl=False)
        return
    stack = Stack.current()
    path = rules.write_rules(found, out or prometheus.rules_dir(stack.paths), short_window)
    try:
        promtool.check_rules(path)
        if apply:
            prometheus.reload(stack.prometheus_url())
    except (PromtoolFailed, prometheus.PrometheusUnreachable) as exc:
        fail(str(exc))
    console.print(f"wrote {path}" + (" and reloaded Prometheus" if apply else ""))


@slo.command("check")
@spec_option
@click.option("--short-window", is_flag=True, help=SHORT_HELP)
def check(spec_dir, short_window):
    """promtool check rules and promtool test rules on freshly rendered rules."""
    try:
        report = promtool.verify(objectives(spec_dir), short_window)
    except PromtoolFailed as exc:
        fail(str(exc))
    click.echo(report)


def percent(value: float | None, digits: int = 3) -> str:
    """A ratio as a percentage, or a dash when there was nothing to measure."""
    return "-" if value is None else f"{value * 100:.{digits}f}%"


def times(value: float | None) -> str:
    """A burn rate such as 2.5x, or a dash."""
    return "-" if value is None else f"{value:.2f}x"


@slo.command("status")
@spec_option
@click.option("--short-window", is_flag=True, help=SHORT_HELP)
@click.option("--url", help="Prometheus base URL (default: the stack of $ASTROSHOP_RUN_DIR).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def status_command(spec_dir, short_window, url, as_json):
    """Per objective: SLI, error budget left, burn rates and firing alerts."""
    found = objectives(spec_dir)
    try:
        client = prometheus.connect(url or Stack.current().prometheus_url())
        rows = status.collect(client, found, short_window)
    except prometheus.PrometheusUnreachable as exc:
        fail(str(exc), Exit.CANNOT_JUDGE)
    if as_json:
        click.echo(json.dumps([row.as_dict() for row in rows], indent=2))
        return
    windows = list(rows[0].burn_rates)[:-1] if rows else []
    table = Table("objective", "key", "target", "SLI", "budget left", "events",
                  *(f"burn {w}" for w in windows), "firing")
    for row in rows:
        table.add_row(row.name, "yes" if row.key else "", percent(row.target, 2), percent(row.sli),
                      percent(row.budget_remaining, 1),
                      "-" if row.events is None else f"{row.events:.0f}",
                      *(times(row.burn_rates[w]) for w in windows),
                      "[red]" + ", ".join(row.firing) + "[/]" if row.firing else "")
    console.print(table)
    console.print(f"SLI and budget over {rows[0].period if rows else '-'}; "
                  "burn = error ratio / error budget")


@slo.command("cost")
@click.option("--window", default="5m", show_default=True, help="Average over this window.")
@click.option("--url", help="Prometheus base URL (default: the stack of $ASTROSHOP_RUN_DIR).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def cost_command(window, url, as_json):
    """What the SLO rule groups cost Prometheus: evaluation times from its own metrics."""
    try:
        report = cost.collect(prometheus.connect(url or Stack.current().prometheus_url()), window)
    except prometheus.PrometheusUnreachable as exc:
        fail(str(exc))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
        return
    table = Table("group", "rules", "mean ms", "max ms", "samples",
                  title=f"{report.total_rules} rules, {report.total_mean_ms:.1f} ms per round")
    for g in report.groups:
        table.add_row(g.group, str(g.rules), f"{g.mean_ms:.2f}", f"{g.max_ms:.2f}", str(g.samples))
    console.print(table)

