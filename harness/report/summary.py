"""Terminal summaries (rich) of load runs, gate runs and breakpoints."""
from __future__ import annotations

from rich.console import Console
from rich.table import Column, Table

from harness.gateresult import GateResult
from harness.report.html import ms, pct

COLOURS = {"pass": "green", "warning": "yellow", "fail": "red", "cannot judge": "magenta"}


def coloured(status: str) -> str:
    """A status in its colour."""
    return f"[{COLOURS.get(status, 'white')}]{status}[/]"


def print_locust(console: Console, locust: dict | None) -> None:
    """Locust's aggregated numbers in one line."""
    if not locust:
        console.print("Locust wrote no statistics")
        return
    console.print(f"Locust: {locust['requests']} requests, {locust['failures']} failures, "
                  f"{locust['rps'] or 0:.1f} requests/s, p95 {ms(locust['p95_ms'])} ms")
    if locust.get("requests_per_cpu_s"):
        console.print(f"Locust used {locust['cpu_s']:.1f} CPU-seconds during the load: "
                      f"{locust['requests_per_cpu_s']:.0f} requests per CPU-second, what one "
                      "worker can drive on a core of its own with this mix")


def print_breakpoint(console: Console, result: dict) -> None:
    """Every stage's measured rates and failures, then the highest rate that held."""
    table = Table("stage", "users", "planned tasks/s", "requests/s", "checkouts/s", "failed",
                  "not judged", title="breakpoint (rates measured by Prometheus)")
    for row in result["stages"]:
        table.add_row(str(row["stage"]), str(row["users"]), f"{row['planned_rate']:.1f}",
                      rate(row, "requests/s"), rate(row, "checkouts/s"),
                      ", ".join(row["failed"]), ", ".join(row["unjudged"]))
    console.print(table)
    held, broke = result.get("held"), result.get("broke")
    if held:
        console.print(f"[bold]highest stage that held:[/] {held['users']} users, "
                      f"{rate(held, 'requests/s')} requests/s, "
                      f"{rate(held, 'checkouts/s')} checkouts/s")
    else:
        console.print("[bold]no stage held[/] (every stage failed or could not be judged)")
    if broke:
        console.print(f"broke at {broke['users']} users: {', '.join(broke['failed'])}")
    if result.get("stopped_early"):
        console.print(f"Locust stopped the ramp: {result['stopped_early']}")


def rate(row: dict, label: str) -> str:
    """A stage's measured rate, or '-' when the spec has no objective counting it."""
    return f"{row[label]:.2f}" if row.get(label) is not None else "-"


def print_gate(console: Console, gate: GateResult) -> None:
    """The objectives as a table (key objectives starred), then the verdict and its reasons."""
    fixed = [Column(name, no_wrap=True) for name in ("objective", "status", "SLI", "target",
                                                     "events", "p95 ms")]
    table = Table(*fixed, "Locust good/p95", title=f"gate {gate.run_id} ({gate.profile})",
                  caption="* key objective: failing it fails the gate")
    for o in gate.objectives:
        locust = o.locust
        cross = f"{pct(locust['good_ratio'], 1)}/{locust['p95_ms'] or 0:.0f}" if locust else "-"
        table.add_row(o.name + (" *" if o.key else ""), coloured(o.status), pct(o.ratio),
                      pct(o.target, 1), f"{o.total:.0f}", ms(o.percentiles_ms.get("p95")), cross)
    if gate.objectives:
        console.print(table)
    verdict = gate.verdict
    score = f", score {verdict.score:.0%}" if verdict.score is not None else ""
    console.print(f"[bold]verdict: {coloured(verdict.status)}[/]{score} "
                  f"(exit {verdict.exit_code})")
    for reason in verdict.reasons:
        console.print(f"  - {reason}")
