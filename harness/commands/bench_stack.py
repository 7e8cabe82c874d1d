"""`astroshop bench`'s measuring of one fresh default stack: cold start, throughput against
the hello ceiling, the memory of every process, py-spy profiles and a bounded breakpoint; the
stack is stopped after, whatever happened."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests
from rich.console import Console

from harness.bench import breakpoint as bench_breakpoint
from harness.bench import hello as bench_hello
from harness.bench.profiles import profile_shop
from harness.bench.profiling import ProfilingError
from harness.bench.wrk import comparisons, measure
from harness.certs import trust
from harness.certs.files import TlsDir
from harness.commands.errors import fail
from harness.commands.load_options import envoy_flush_s
from harness.gate.policy import GatePolicy
from harness.gate.run import GateOptions, run_gate
from harness.slo.loader import SPEC_DIR
from harness.stack import supervisor
from harness.stack.memory import tree_pss, tree_rss
from harness.stack.options import StackOptions
from harness.stack.runner import Stack, StackError

HELLO_PORT_STEP = 900  # the hello-world listens this far above the catalog's port
MB = 2**20


@dataclass(frozen=True)
class BenchPlan:
    """What to measure: wrk seconds, connections and rounds; profile and breakpoint seconds
    (0 skips them); where the flame graphs go."""

    seconds: int
    connections: int
    rounds: int
    profile_s: int
    breakpoint_s: int
    folder: Path


def memory(stack: Stack) -> dict:
    """RSS and PSS of every process the stack runs: supervisord and all below it."""
    root = supervisor.supervisord_pid(stack.paths)
    rows = stack.status()
    return {"rss_mb": round(tree_rss(root) / MB, 1), "pss_mb": round(tree_pss(root) / MB, 1),
            "processes": {row["name"]: row["rss_mb"] for row in rows},
            "process_count": 1 + sum(1 for row in rows if row["pid"])}


def throughput(stack: Stack, plan: BenchPlan) -> dict:
    """Every comparison of the bench, the hello ceiling served beside the stack meanwhile."""
    topology = stack.topology()
    product = requests.get(topology.public_url() + "/api/products", timeout=10,
                           verify=trust.verify()).json()["products"][0]["id"]
    catalog = topology.service("catalog")
    with bench_hello.serving(catalog, catalog.port + HELLO_PORT_STEP) as hello:
        return measure(comparisons(topology, product, hello), plan.seconds, plan.connections,
                       plan.rounds)


def profiles(stack: Stack, plan: BenchPlan) -> dict:
    """Flame graphs and top costs of the product page, the product list and checkout."""
    masters = {row["name"].rsplit("-", 1)[0]: row["pid"] for row in stack.status() if row["pid"]}
    try:
        found = profile_shop(stack.topology(), masters, plan.folder, plan.profile_s)
    except ProfilingError as exc:
        return {"profiles": [], "profile_error": str(exc)}
    return {"profiles": [p.as_dict() for p in found]}


def breakpoint_run(stack: Stack, plan: BenchPlan, console: Console) -> dict:
    """The breakpoint gate fitted into plan.breakpoint_s; the most users held, top level."""
    console.print(f"breakpoint: up to {bench_breakpoint.PEAK_USERS} users in "
                  f"{plan.breakpoint_s} s")
    options = GateOptions(bench_breakpoint.settings(plan.breakpoint_s), stack.public_url(),
                          stack.prometheus_url(), SPEC_DIR, None, GatePolicy(),
                          envoy_flush_s(stack), 0, stack.options().port_offset)
    result, _ = run_gate(options, console)
    found = bench_breakpoint.summary(result.run_id, plan.breakpoint_s, result.breakpoint)
    return {"breakpoint": found, "breakpoint_users": found["held_users"]}


def measure_stack(plan: BenchPlan, console: Console) -> dict:
    """Start a default stack in a temporary run directory, measure it, stop it; the report."""
    with tempfile.TemporaryDirectory(prefix="astroshop-bench-") as tmp:
        stack = Stack.at(Path(tmp))
        try:
            cold_start = stack.up(StackOptions(), timeout=120)
        except StackError as exc:
            fail(exc)
        given = os.environ.get(trust.CA_ENV)
        os.environ[trust.CA_ENV] = str(TlsDir(stack.paths.tls).ca_cert)  # every client's CA
        try:
            console.print(f"cold start {cold_start:.2f} s; measuring throughput")
            report = {"cold_start_s": round(cold_start, 2), "throughput": throughput(stack, plan),
                      **memory(stack)}
            if plan.profile_s:
                console.print(f"profiling for {plan.profile_s} s per path")
                report.update(profiles(stack, plan))
            if plan.breakpoint_s:
                report.update(breakpoint_run(stack, plan, console))
            return report
        finally:
            os.environ.pop(trust.CA_ENV)
            os.environ.update({trust.CA_ENV: given} if given else {})
            stack.down()
