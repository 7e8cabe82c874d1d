"""`astroshop bench`: one fresh default stack measured in one run against the Python ceiling of
one process (the hello-world it serves beside the stack), its memory, cold start, profiles and
breakpoint; held against the targets (--check) and a saved report (--compare)."""
from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from harness.bench import charts
from harness.bench.compare import CompareError, changes, load
from harness.bench.report import markdown, print_changes, print_report
from harness.bench.targets import as_json, misses
from harness.commands.bench_stack import BenchPlan, measure_stack
from harness.commands.errors import fail
from harness.exits import Exit
from harness.runs import new_run

console = Console()


@click.command()
@click.option("--seconds", default=10, show_default=True, help="Per wrk measurement.")
@click.option("--connections", default=16, show_default=True)
@click.option("--rounds", default=3, show_default=True, type=click.IntRange(1, 9),
              help="Rounds alternating the two sides of each pair; the median is reported.")
@click.option("--profile-seconds", default=10, show_default=True, type=click.IntRange(0, 120),
              help="py-spy sampling per profiled path (0: no profiles).")
@click.option("--breakpoint-seconds", default=900, show_default=True,
              type=click.IntRange(0, 1800),
              help="The breakpoint ramp's length, 30 stages (0: none; the check then misses "
                   "it; under 600 the stages get too short for every objective to be judged).")
@click.option("--compare", "compare_file", type=click.Path(exists=True, dir_okay=False,
                                                            path_type=Path),
              help="A saved bench.json: print each figure's change against it.")
@click.option("--json", "json_out", is_flag=True, help="Print bench.json instead of the table.")
@click.option("--check", is_flag=True,
              help="Exit 1 when a measurement misses its target (for a performance job).")
def bench(seconds, connections, rounds, profile_seconds, breakpoint_seconds, compare_file,
          json_out, check):
    """Start a fresh default stack, measure it, stop it; write reports/<run>/bench.json, bench.md
    and the flame graphs. With --check, exit 1 naming every target missed."""
    try:
        before = load(compare_file) if compare_file else None
    except CompareError as exc:
        fail(str(exc), Exit.USAGE)
    run_id, folder = new_run("bench")
    out = Console(stderr=True) if json_out else console
    plan = BenchPlan(seconds, connections, rounds, profile_seconds, breakpoint_seconds, folder)
    report = {"run_id": run_id, **measure_stack(plan, out), "targets": as_json()}
    (folder / "bench.json").write_text(json.dumps(report, indent=2))
    drawn = [path.name for path in charts.write(report, folder)]
    (folder / "bench.md").write_text(markdown(report, drawn))
    if json_out:
        click.echo(json.dumps(report, indent=2))
    else:
        print_report(console, report)
        console.print(f"written to {folder / 'bench.json'}, bench.md and its charts")
    if before is not None:
        print_changes(out, str(compare_file), changes(before, report))
    missed = misses(report) if check else []
    if missed:
        fail("targets missed: " + "; ".join(missed), Exit.FAILED)
