"""`astroshop bench`: Envoy's overhead, TLS's cost, the edge cache against the Python ceiling
of one process, cold start and memory, in one run."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click
import requests
from rich.console import Console
from rich.table import Table

from harness.bench import hello as bench_hello
from harness.bench.wrk import Comparison, measure
from harness.certs.files import TlsDir
from harness.commands.errors import fail
from harness.runs import new_run
from harness.stack.memory import tree_pss
from harness.stack.options import StackOptions
from harness.stack.runner import Stack, StackError

console = Console()
TARGETS = {"envoy_ratio": 0.85, "https_ratio": 0.9, "cached_vs_hello": 5.0,
           "cold_start_s": 10.0, "rss_mb": 1024.0}
HELLO_PORT_STEP = 900  # the hello-world listens this far above the catalog's port


def comparisons(topology, product: str, hello: str) -> list[Comparison]:
    """Envoy against direct calls (plain HTTP, as before TLS), HTTPS against plain HTTP at the
    edge, and the edge's cached product list against the Python ceiling of one process."""
    plain, https = topology.plain_url(), topology.public_url()
    frontend = f"http://{topology.host}:{topology.service('frontend').port}"
    catalog = f"http://{topology.host}:{topology.service('catalog').port}"
    page = f"/product/{product}"
    return [
        Comparison("product page", ("via envoy", plain + page), ("direct", frontend + page),
                   "envoy_ratio"),
        Comparison("GET /api/products", ("via envoy (cached)", plain + "/api/products"),
                   ("direct", catalog + "/api/products"), "envoy_ratio"),
        Comparison("product page, HTTPS", ("https", https + page), ("plain http", plain + page),
                   "https_ratio"),
        Comparison("GET /api/products, edge-cached", ("https, cached", https + "/api/products"),
                   ("flask hello-world", hello), "cached_vs_hello"),
    ]


def print_report(report: dict) -> None:
    """A table of the measurements and the targets they are held against."""
    table = Table("measurement", "req/s", "p50 ms", "p99 ms", "errors")
    for name, pair in report["throughput"].items():
        for m in pair["sides"].values():
            table.add_row(m["name"], f"{m['rps']:.0f}", f"{m['p50_ms']:.2f}",
                          f"{m['p99_ms']:.2f}", str(m["errors"]))
        goal = TARGETS[pair["target"]]
        mark = f"ok (>= {goal:g})" if pair["ratio"] >= goal else f"BELOW TARGET {goal:g}"
        table.add_row(f"{name}: ratio", f"{pair['ratio']:.2f}", "", "", mark)
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
            ca = TlsDir(stack.paths.tls).ca_cert
            product = requests.get(topology.public_url() + "/api/products", timeout=10,
                                   verify=str(ca)).json()["products"][0]["id"]
            catalog = topology.service("catalog")
            with bench_hello.serving(catalog, catalog.port + HELLO_PORT_STEP) as hello:
                throughput = measure(comparisons(topology, product, hello), seconds,
                                     connections, rounds)
            report = {"cold_start_s": round(cold_start, 2), "throughput": throughput,
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
