"""The false-alarm check: clean smoke gates, one after another, none of which may alarm.

On a shop with no fault, a gate that fails (or cannot judge) is a false alarm; a warning is
not one (it passes with the score it reports). The page
alerts of the short-window rules are watched over the same gates and reported beside them.
The stack of $ASTROSHOP_RUN_DIR is used (started, scraped every second, if none runs).
"""
from __future__ import annotations

import json
import time

from rich.console import Console

from harness import prometheus
from harness.faults.actions import clear_all
from harness.faults.matrix import context, gates, probes
from harness.runs import new_run
from harness.stack.runner import Stack

JSON_FILE = "falsealarm.json"


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
            began = time.monotonic()
            gate = gates.run(folder / "gates", duration_s=None, users=None)
            seen = probes.fired_during(client, time.monotonic() - began)
            alerts.update(seen)
            rows.append({**gate.as_dict(), "seconds": round(time.monotonic() - began),
                         "page_alerts": seen, "false_alarm": gate.alarmed})
            console.print(f"gate {number}/{count}: {gate.status} ({gate.run_id}"
                          f"{'; ' + '; '.join(gate.reasons) if gate.reasons else ''})"
                          f"{'; page alerts: ' + ', '.join(seen) if seen else ''}",
                          highlight=False)
    finally:
        if started is not None:
            started.down()
        else:
            context.use_rules(stack, short_window=False)
    content = {"run_id": run_id, "kind": "falsealarm", "count": count,
               "passes": sum(not row["false_alarm"] for row in rows),
               "alerts": sorted(alerts), "gates": rows}
    (folder / JSON_FILE).write_text(json.dumps(content, indent=2))
    return content
