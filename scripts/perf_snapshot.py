"""Issue 18's before/after snapshot of the running local stack, in one run on one machine.

Usage: ASTROSHOP_PORT_OFFSET=N ASTROSHOP_RUN_DIR=DIR .venv/bin/python scripts/perf_snapshot.py
LABEL [--seconds 8] [--rounds 3] [--profile-seconds 10]

Measures, round by round so a noisy neighbour slows every row alike, with wrk -t1 -c16:
a Flask hello-world under the services' own gunicorn settings (the ceiling of one process),
GET /api/products straight at catalog and through the edge, the product page through the
edge and straight at the frontend; then the stack's RSS and PSS, and py-spy profiles of the
product page, the product list and checkout (harness.bench.profiles). Writes
run/perf/LABEL/snapshot.json, snapshot.md and the flame graphs beside them.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from harness.bench.wrk import median, wrk
from harness.paths import RunPaths
from harness.polling import poll_until
from harness.bench.profiles import profile_shop, top_table
from harness.shopclient import ShopClient
from harness.stack.runner import Stack, tree_pss

HELLO = "from flask import Flask\napp = Flask(__name__)\n\n\n@app.get('/')\ndef hello():\n" \
        "    return 'Hello, World!'\n"
HELLO_PORT_BASE = 7099  # beside the services' ports, moved by the port offset


def hello_server(folder: Path, port: int) -> subprocess.Popen:
    """A hello-world app under one gthread worker with 4 threads, like a service."""
    (folder / "hello.py").write_text(HELLO)
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c",
               "python:shop.common.gunicorn_conf", "--chdir", str(folder), "--bind",
               f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "--reuse-port",
               "hello:app"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    poll_until(lambda: subprocess.run(["curl", "-sf", f"http://127.0.0.1:{port}/"],
                                      capture_output=True).returncode == 0, 20, "hello up")
    return server


def throughput(urls: dict[str, str], seconds: int, rounds: int) -> dict:
    """The median round of every URL, measured in turn within each round."""
    runs: dict[str, list] = {name: [] for name in urls}
    for _ in range(rounds):
        for name, url in urls.items():
            runs[name].append(wrk(name, url, seconds, 16))
    return {name: {**median(found).as_dict(), "rounds": [round(m.rps) for m in found]}
            for name, found in runs.items()}


def main() -> None:
    """Measure the stack of $ASTROSHOP_RUN_DIR and write run/perf/LABEL/."""
    parser = argparse.ArgumentParser()
    parser.add_argument("label")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile-seconds", type=int, default=10)
    args = parser.parse_args()
    paths = RunPaths.default()
    out = paths.root / "perf" / args.label
    out.mkdir(parents=True, exist_ok=True)
    stack = Stack(paths)
    topology = stack.options().topology()
    edge = topology.public_url()
    port = lambda name: topology.service(name).port  # noqa: E731
    product = ShopClient(edge).products()[0]["id"]
    hello_port = HELLO_PORT_BASE + stack.options().port_offset
    with tempfile.TemporaryDirectory(prefix="astroshop-hello-") as tmp:
        hello = hello_server(Path(tmp), hello_port)
        try:
            urls = {"hello ceiling": f"http://127.0.0.1:{hello_port}/",
                    "products direct": f"http://127.0.0.1:{port('catalog')}/api/products",
                    "products via edge": f"{edge}/api/products",
                    "product page via edge": f"{edge}/product/{product}",
                    "product page direct": f"http://127.0.0.1:{port('frontend')}/product/"
                                           f"{product}"}
            report = {"throughput": throughput(urls, args.seconds, args.rounds)}
        finally:
            hello.terminate()
            hello.wait(10)
    ceiling = report["throughput"]["hello ceiling"]["rps"]
    report["ratios"] = {name: round(m["rps"] / ceiling, 3)
                        for name, m in report["throughput"].items()}
    rows = stack.status()
    report["rss_mb"] = round(sum(row["rss_mb"] for row in rows), 1)
    report["pss_mb"] = round(sum(tree_pss(row["pid"]) for row in rows if row["pid"]) / 2**20, 1)
    report["per_process"] = {row["name"]: {"rss_mb": row["rss_mb"],
                                           "pss_mb": round(tree_pss(row["pid"]) / 2**20, 1)}
                             for row in rows}
    masters = {row["name"].rsplit("-", 1)[0]: row["pid"] for row in rows if row["pid"]}
    profiles = profile_shop(topology, masters, out, args.profile_seconds)
    report["profiles"] = [p.as_dict() for p in profiles]
    (out / "snapshot.json").write_text(json.dumps(report, indent=2))
    lines = [f"| {name} | {m['rps']:.0f} | {report['ratios'][name]:.3f} | {m['rounds']} |"
             for name, m in report["throughput"].items()]
    text = "\n".join(["| row | req/s | of ceiling | rounds |", "|---|---:|---:|---|", *lines,
                      "", f"RSS {report['rss_mb']} MB, PSS {report['pss_mb']} MB", "",
                      *[top_table(p) + "\n" for p in profiles]])
    (out / "snapshot.md").write_text(text)
    print(text)


main()
