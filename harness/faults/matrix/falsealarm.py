"""The false-alarm check: clean smoke gates, one after another, every one of which must pass.

On a shop with no fault, a gate that fails (or cannot judge) is a false alarm. The page
alerts of the short-window rules are watched over the same gates and reported beside them.
The stack of $ASTROSHOP_RUN_DIR is used (started, scraped every second, if none runs).
"""
from __future__ import annotations

import json
import time

from rich.console import Console

from harness import prometheus
from harness.faults.actions import Target, clear_all
from harness.faults.matrix import context, gates, probes
from harness.paths import RunPaths
from harness.runs import new_run
from harness.stack.options import StackOptions

JSON_FILE = "falsealarm.json"


def run(count: int, console: Console) -> dict:
    """Run `count` clean smoke gates; falsealarm.json's content."""
    run_id, folder = new_run("falsealarm")
    paths = RunPaths.default()
    started = context.ready_stack(paths)
    target = Target(paths, StackOptions.load(paths).topology())
    clear_all(target)
    context.use_rules(paths, short_window=True)
    client = prometheus.connect(prometheus.url(target.topology))
    rows, alerts = [], set()
    try:
        for number in range(1, count + 1):
            began = time.monotonic()
            gate = gates.run(folder / "gates", duration_s=None, users=None)
            seen = probes.fired_during(client, time.monotonic() - began)
            alerts.update(seen)
            rows.append({**gate.as_dict(), "seconds": round(time.monotonic() - began),
                         "page_alerts": seen})
            console.print(f"gate {number}/{count}: {gate.status} ({gate.run_id}"
                          f"{'; ' + '; '.join(gate.reasons) if gate.reasons else ''})"
                          f"{'; page alerts: ' + ', '.join(seen) if seen else ''}",
                          highlight=False)
    finally:
        if started is not None:
            started.down()
        else:
            context.use_rules(paths, short_window=False)
    content = {"run_id": run_id, "kind": "falsealarm", "count": count,
               "passes": sum(row["exit_code"] == 0 for row in rows),
               "alerts": sorted(alerts), "gates": rows}
    (folder / JSON_FILE).write_text(json.dumps(content, indent=2))
    return content
