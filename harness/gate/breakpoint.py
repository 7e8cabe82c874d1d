"""The breakpoint: every stage of the run judged on its own; the highest rate that held.

A stage *held* when every objective was judged over it and none failed. The highest rate
that held is that of the last stage that held; the stage that *broke* is the first failing
one after it (an earlier failure that the shop recovered from, say while warming up, shows
in the table but is not the breakpoint). The rates reported are measured, not planned: each objective's events per second over the stage (the edge objective's events
are all requests, the checkout objective's are checkouts).
"""
from __future__ import annotations

from prometheus_api_client import PrometheusConnect

from harness.gate.evaluate import evaluate
from harness.gate.policy import GatePolicy
from harness.gateresult import CANNOT_JUDGE, FAIL
from harness.load.naming import GROUPS, groups_of
from harness.load.window import LoadWindow
from harness.slo.spec import Objective


def headline_objectives(objectives: list[Objective]) -> dict[str, str]:
    """{"requests/s": name, "checkouts/s": name} of the objectives counting every request at
    the edge and every checkout, where the spec has them."""
    found = {}
    for objective in objectives:
        groups = groups_of(objective)
        if groups == GROUPS:
            found.setdefault("requests/s", objective.name)
        elif groups == ("checkout",):
            found.setdefault("checkouts/s", objective.name)
    return found


def stage_rows(client: PrometheusConnect, objectives: list[Objective], window: LoadWindow,
               settled: float, policy: GatePolicy) -> list[dict]:
    """One row per stage: users, planned rate, measured rates, failed and unjudged objectives."""
    rows, headline = [], headline_objectives(objectives)
    stages = window.stage_windows()
    for number, (mark, start, end) in enumerate(stages, 1):
        upto = settled if number == len(stages) else end
        results = evaluate(client, objectives, start, upto, policy)
        seconds = max(end - start, 1e-9)
        rates = {r.name: r.total / seconds for r in results}
        rows.append({
            "stage": mark.index, "users": mark.users, "planned_rate": mark.rate,
            "seconds": round(end - start, 1),
            "rates": rates, **{label: rates[name] for label, name in headline.items()},
            "failed": [r.name for r in results if r.status == FAIL],
            "unjudged": [r.name for r in results if r.status == CANNOT_JUDGE],
        })
    return rows


def summarize(rows: list[dict], stopped_early: str = "") -> dict:
    """The last stage that held, the first that failed after it, and why the run stopped."""
    held = [index for index, row in enumerate(rows) if not row["failed"] and not row["unjudged"]]
    after = held[-1] + 1 if held else 0
    broke = next((row for row in rows[after:] if row["failed"]), None)
    return {"stages": rows, "held": rows[held[-1]] if held else None, "broke": broke,
            "stopped_early": stopped_early}


def analyse(client: PrometheusConnect, objectives: list[Objective], window: LoadWindow,
            settled: float, policy: GatePolicy) -> dict:
    """Judge every stage and summarize: the breakpoint of this run."""
    return summarize(stage_rows(client, objectives, window, settled, policy),
                     window.stopped_early)
