"""`astroshop gate`: run a profile and judge it by the SLOs, measured by Prometheus."""
from __future__ import annotations

import sys

import click
from rich.console import Console

from harness.commands.load_options import (envoy_flush_s, load_options, settings_from,
                                           slo_dir_option)
from harness.gate.policy import GatePolicy
from harness.gate.run import GateOptions, run_gate
from harness.gateresult import FAIL, FAIL_ON
from harness.report.summary import print_breakpoint, print_gate
from harness.stack.runner import Stack

console = Console()


def is_local(target: str | None, stack: Stack) -> bool:
    """Whether the gate loads the local stack, whose Envoy log holds each request."""
    return target is None or target.rstrip("/") == stack.public_url().rstrip("/")


@click.command()
@load_options
@slo_dir_option
@click.option("--baseline", default=None, metavar="RUN|last-pass",
              help="Compare with an earlier gate run: its id, or the last passing run.")
@click.option("--prometheus", "prometheus_url", default=None,
              help="Prometheus to measure with [default: the local stack's].")
@click.option("--max-p95-increase", type=float, default=10.0, show_default=True,
              help="Percent a latency objective's p95 may exceed the baseline's.")
@click.option("--settle", type=float, default=None,
              help="Seconds after the load before the final scrape counts "
                   "[default: the stack's Envoy stats flush interval].")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=FAIL, show_default=True,
              help="The verdict that exits 1: a fail, or also a warning (for pipelines).")
@click.option("--json", "as_json", is_flag=True,
              help="Print gate.json instead of the table (progress goes to stderr).")
def gate(profile, target, workers, duration, scale, users, rate, slo_dir, baseline,
         prometheus_url, max_p95_increase, settle, fail_on, as_json):
    """Run a profile, judge every objective over the load window; exit 0 pass, 1 fail,
    3 cannot judge, 4 warning (1 with --fail-on warning)."""
    settings = settings_from(profile, duration, scale, users, rate)
    stack = Stack.current()
    options = GateOptions(settings, target or stack.public_url(),
                          prometheus_url or stack.prometheus_url(), slo_dir, baseline,
                          GatePolicy(max_p95_increase=max_p95_increase / 100),
                          envoy_flush_s(stack) if settle is None else settle, workers,
                          stack.options().port_offset, fail_on,
                          stack.paths.log_of("envoy") if is_local(
                              target, stack) else None)
    out = Console(stderr=True) if as_json else console
    out.print(f"gate: profile {profile} against {options.target}, "
              f"measured by {options.prometheus_url}")
    result, folder = run_gate(options, out)
    if as_json:
        click.echo(result.model_dump_json(indent=2))
        sys.exit(result.verdict.exit_code)
    print_gate(console, result)
    if result.breakpoint:
        print_breakpoint(console, result.breakpoint)
    page = folder / "report.html"
    console.print(f"report      {page}\n            {page.resolve().as_uri()}")
    console.print(f"store       {options.target.rstrip('/')}/")
    console.print(f"prometheus  {options.prometheus_url.rstrip('/')}/")
    click.echo(f"RUN_ID={result.run_id}")
    sys.exit(result.verdict.exit_code)
