"""`astroshop bench`: measure Envoy's overhead, cold start and memory in one run."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click
import requests
from rich.console import Console
from rich.table import Table

from harness.bench import median, ratio, rounds_rps, wrk
from harness.commands.errors import fail
from harness.runs import new_run
from harness.stack.memory import tree_pss
from harness.stack.options import StackOptions
from harness.stack.runner import Stack, StackError

console = Console()
TARGETS = {"envoy_ratio": 0.85, "cold_start_s": 10.0, "rss_mb": 1024.0}


def measure(topology, seconds: int, connections: int, rounds: int) -> dict:
    """Product page and product list, through Envoy and direct, alternating round by round
    so that a noisy neighbour slows both sides alike; the median round of each is kept."""
    edge = topology.public_url()
    product = requests.get(edge + "/api/products", timeout=10).json()["products"][0]["id"]
    frontend = f"http://{topology.host}:{topology.service('frontend').port}"
    catalog = f"http://{topology.host}:{topology.service('catalog').port}"
    pairs = {"product page": (f"{edge}/product/{product}", f"{frontend}/product/{product}"),
             "GET /api/products": (f"{edge}/api/products", f"{catalog}/api/products")}
    results = {}
    for name, (via_envoy, direct) in pairs.items():
        envoy_runs, direct_runs = [], []
        for _ in range(rounds):
            envoy_runs.append(wrk(f"{name} via envoy", via_envoy, seconds, connections))
            direct_runs.append(wrk(f"{name} direct", direct, seconds, connections))
        envoy_m, direct_m = median(envoy_runs), median(direct_runs)
        results[name] = {"envoy": {**envoy_m.as_dict(), "rounds_rps": rounds_rps(envoy_runs)},
                         "direct": {**direct_m.as_dict(), "rounds_rps": rounds_rps(direct_runs)},
                         "ratio": round(ratio(envoy_m, direct_m), 3)}
    return results


def print_report(report: dict) -> None:
    """A table of the measurements and the targets they are held against."""
    table = Table("measurement", "req/s", "p50 ms", "p99 ms", "errors")
    for name, pair in report["throughput"].items():
        for side in ("envoy", "direct"):
            m = pair[side]
            table.add_row(m["name"], f"{m['rps']:.0f}", f"{m['p50_ms']:.2f}",
                          f"{m['p99_ms']:.2f}", str(m["errors"]))
        mark = "ok" if pair["ratio"] >= TARGETS["envoy_ratio"] else "BELOW TARGET"
        table.add_row(f"{name}: envoy/direct", f"{pair['ratio']:.2f}", "", "", mark)
    console.print(table)
    for key, label, unit in (("cold_start_s", "cold start to all healthy", "s"),
                             ("rss_mb", "stack RSS", "MB")):
        mark = "ok" if report[key] <= TARGETS[key] else "ABOVE TARGET"
        console.print(f"{label}: {report[key]:.1f} {unit} (target <= {TARGETS[key]:.0f}) {mark}")
    console.print(f"stack PSS (shared pages counted once): {report['pss_mb']:.1f} MB")


def memory_mb(rows: list[dict]) -> dict:
    """The stack's memory from one status listing: RSS summed per process, and PSS (pages
    shared between processes counted once)."""
    pss = sum(tree_pss(row["pid"]) for row in rows if row["pid"])
    return {"rss_mb": round(sum(row["rss_mb"] for row in rows), 1),
            "pss_mb": round(pss / 2**20, 1)}


@click.command()
@click.option("--seconds", default=10, show_default=True, help="Per measurement.")
@click.option("--connections", default=16, show_default=True)
@click.option("--rounds", default=3, show_default=True, type=click.IntRange(1, 9),
              help="Alternating envoy/direct rounds; the median is reported.")
@click.option("--json", "as_json", is_flag=True, help="Print bench.json instead of the table.")
def bench(seconds, connections, rounds, as_json):
    """Start a fresh stack, measure it, stop it; write reports/<run>/bench.json."""
    with tempfile.TemporaryDirectory(prefix="astroshop-bench-") as tmp:
        stack = Stack.at(Path(tmp))
        try:
            cold_start = stack.up(StackOptions(), timeout=120)
        except StackError as exc:
            fail(exc)
        try:
            topology = stack.topology()
            report = {"cold_start_s": round(cold_start, 2),
                      "throughput": measure(topology, seconds, connections, rounds),
                      **memory_mb(stack.status())}
        finally:
            stack.down()
    run_id, folder = new_run("bench")
    report["targets"] = TARGETS
    (folder / "bench.json").write_text(json.dumps(report, indent=2))
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    print_report(report)
    console.print(f"written to {folder / 'bench.json'}")
