"""The false-alarm check: clean smoke gates, one after another, none of which may alarm.

On a shop with no fault, a gate that fails (or cannot judge) is a false alarm, and so is a page
(short-window rules) whose notification reached the receiver through Alertmanager while the
gate ran: someone would have been woken for nothing. A warning is not one (it passes with the
score it reports), nor is an alert that fired in Prometheus but was never notified (reported
beside, as `fired_in_prometheus`). The stack of $ASTROSHOP_RUN_DIR is used (started, scraped
every second, if none runs).
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from prometheus_api_client import PrometheusConnect
from rich.console import Console

from harness import prometheus
from harness.faults.actions import clear_all
from harness.alerting.notifications import store_path
from harness.faults.matrix import context, gates, notified, probes
from harness.runs import new_run
from harness.stack.runner import Stack

JSON_FILE = "falsealarm.json"


def judged(folder: Path, client: PrometheusConnect, store: Path) -> dict:
    """One clean gate with the pages notified while it ran: a row of falsealarm.json."""
    began, since = time.monotonic(), time.time()
    gate = gates.run(folder, duration_s=None, users=None)
    pages = sorted({p.describe() for p in notified.firing(store, None, since)})
    return {**gate.as_dict(), "seconds": round(time.monotonic() - began),
            "page_notifications": pages,
            "fired_in_prometheus": probes.fired_during(client, time.monotonic() - began),
            "false_alarm": gate.alarmed or bool(pages)}


def run(count: int, console: Console) -> dict:
    """Run `count` clean smoke gates; falsealarm.json's content."""
    run_id, folder = new_run("falsealarm")
    stack = Stack.current()
    started = context.ready_stack(stack)
    clear_all(stack)
    context.use_rules(stack, short_window=True)
    client = prometheus.connect(stack.prometheus_url())
    rows, alerts = [], set()
    try:
        for number in range(1, count + 1):
            row = judged(folder / "gates", client, store_path(stack.paths))
            alerts.update(row["page_notifications"])
            rows.append(row)
            pages = ", ".join(row["page_notifications"])
            console.print(f"gate {number}/{count}: {row['status']} ({row['run_id']}"
                          f"{'; ' + '; '.join(row['reasons']) if row['reasons'] else ''})"
                          f"{'; pages: ' + pages if pages else ''}", highlight=False)
    finally:
        if started is not None:
            started.down()
        else:
            context.use_rules(stack, short_window=False)
    content = {"run_id": run_id, "kind": "falsealarm", "count": count,
               "passes": sum(not row["false_alarm"] for row in rows),
               "pages": sorted(alerts), "gates": rows}
    (folder / JSON_FILE).write_text(json.dumps(content, indent=2))
    return content
